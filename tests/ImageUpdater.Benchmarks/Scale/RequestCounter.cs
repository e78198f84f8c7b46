using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ImageUpdater.Registry;

namespace ImageUpdater.Benchmarks.Scale;

/// <summary>Counts the registry client's wire requests by kind from its public instrument.</summary>
internal sealed class RequestCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public RequestCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RegistryInstruments.MeterName && instrument.Name == RegistryInstruments.Requests)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == RegistryInstruments.KindTag && tag.Value is string kind)
                {
                    _counts.AddOrUpdate(kind, value, (_, sum) => sum + value);
                }
            }
        });
        _listener.Start();
    }

    public void Reset() => _counts.Clear();

    public Dictionary<string, long> Snapshot() => new(_counts, StringComparer.Ordinal);

    public void Dispose() => _listener.Dispose();
}
