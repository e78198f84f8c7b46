using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ImageUpdater.Registry.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace ImageUpdater.Registry.Tests.RealRegistry;

public sealed class MetricsTests(AnonymousRegistryFixture fixture) : IClassFixture<AnonymousRegistryFixture>
{
    [Fact]
    public async Task Wire_requests_are_counted_by_kind_and_cache_hits_by_cache()
    {
        using var services = TestServices.Create();
        var requests = new ConcurrentDictionary<string, long>();
        var hits = new ConcurrentDictionary<string, long>();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RegistryInstruments.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var target = instrument.Name == RegistryInstruments.Requests ? requests : hits;
            var key = instrument.Name == RegistryInstruments.Requests ? RegistryInstruments.KindTag : RegistryInstruments.CacheTag;
            foreach (var tag in tags)
            {
                if (tag.Key == key)
                {
                    target.AddOrUpdate((string)tag.Value!, value, (_, sum) => sum + value);
                }
            }
        });
        listener.Start();
        var factory = services.GetRequiredService<IRegistryPassFactory>();
        var request = new TagCandidateRequest
        {
            Image = ImageReference.Parse(fixture.Registry.BaseUri.Authority + "/acme/multi"),
            Endpoint = TestServices.Endpoint(fixture.Registry.BaseUri),
            MetadataNeeds = TagMetadataNeeds.BuildMetadata,
            Settings = new ImageUpdateSettings { Platforms = ["linux/amd64"] },
        };

        var pass = factory.BeginPass();
        await pass.GetCandidatesAsync(request, TestContext.Current.CancellationToken);
        await pass.GetCandidatesAsync(request, TestContext.Current.CancellationToken); // same pass: nothing asked again
        await factory.BeginPass().GetCandidatesAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(1, requests[RegistryRequestKinds.Ping]);
        Assert.Equal(2, requests[RegistryRequestKinds.TagList]);
        Assert.Equal(4, requests[RegistryRequestKinds.Manifest]); // two indexes and their amd64 children
        Assert.Equal(2, requests[RegistryRequestKinds.Blob]);
        Assert.Equal(1, hits["tag-list"]);
        Assert.Equal(2, hits["tag-digest"]);
    }
}
