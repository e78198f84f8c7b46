using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ImageUpdater.Registry;

/// <summary>The registry client's instruments, created from <see cref="IMeterFactory"/>.</summary>
internal sealed class RegistryMetrics
{
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _cacheHits;

    public RegistryMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(RegistryInstruments.MeterName);
        _requests = meter.CreateCounter<long>(RegistryInstruments.Requests, "{request}", "HTTP requests sent to registries, retries included.");
        _duration = meter.CreateHistogram<double>(RegistryInstruments.RequestDuration, "s", "Duration of HTTP requests to registries.");
        _cacheHits = meter.CreateCounter<long>(RegistryInstruments.CacheHits, "{hit}", "Registry lookups answered from a cache.");
    }

    public void RecordRequest(string kind, string registry, string status, TimeSpan duration)
    {
        var tags = new TagList
        {
            { RegistryInstruments.KindTag, kind },
            { RegistryInstruments.RegistryTag, registry },
            { RegistryInstruments.StatusTag, status },
        };
        _requests.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }

    public void RecordCacheHit(string cache) => _cacheHits.Add(1, new KeyValuePair<string, object?>(RegistryInstruments.CacheTag, cache));
}
