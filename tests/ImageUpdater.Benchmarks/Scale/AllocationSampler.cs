using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace ImageUpdater.Benchmarks.Scale;

/// <summary>
/// Where the bytes go, by type: the runtime's allocation ticks (one event about every 100 KB allocated, naming the
/// type of the object that crossed the threshold), summed per type. A sample, not an exact count, but the types that
/// dominate a pass dominate its ticks. On with <c>--alloc-profile</c>; it costs the measured process a little.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int AllocationTickEventId = 10;
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _enabled;

    public void Start()
    {
        _bytes.Clear();
        _enabled = true;
    }

    /// <summary>Stops sampling and prints the <paramref name="top"/> types by sampled bytes.</summary>
    public void StopAndPrint(int top)
    {
        _enabled = false;
        var total = _bytes.Values.Sum();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  allocation ticks by type (sampled {total / 1048576.0:F0} MB):"));
        foreach (var (type, bytes) in _bytes.OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {bytes * 100.0 / Math.Max(1, total),5:F1} %  {type}"));
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_enabled || eventData.EventId != AllocationTickEventId || eventData.PayloadNames is null || eventData.Payload is null)
        {
            return;
        }

        var type = eventData.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string : null;
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(eventData.Payload[a], CultureInfo.InvariantCulture) : 0;
        _bytes.AddOrUpdate(type ?? "?", amount, (_, sum) => sum + amount);
    }
}
