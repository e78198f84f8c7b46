using ImageUpdater.Registry.Caching;
using ImageUpdater.Registry.Tests.Fixtures;
using ImageUpdater.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageUpdater.Registry.Tests.RealRegistry;

public sealed class ManifestCacheEvictionTests
{
    [Fact]
    public async Task With_a_tiny_manifest_cache_the_second_pass_fetches_only_the_evicted_manifests()
    {
        await using var registry = await DistributionRegistry.StartAsync();
        var digests = new List<Digest>();
        for (var i = 0; i < 5; i++)
        {
            var (digest, _) = await registry.PushImageAsync("lru/app", ["v" + i], AnonymousRegistryFixture.Jan.AddDays(i));
            digests.Add(Digest.Parse(digest));
        }

        var log = new RequestLog();
        using var services = TestServices.Create(log, configure: o => o.MaxCacheEntries = 3);
        var metadata = services.GetRequiredService<ImageMetadata>();
        var repository = new RegistryRepository(TestServices.Endpoint(registry.BaseUri), "lru/app");

        // The first pass leaves the last three; the second reads them first, so the two it fetches again replace
        // the two it read earliest, not entries it still needs.
        foreach (var digest in digests)
        {
            await metadata.GetManifestAsync(repository, digest, TestContext.Current.CancellationToken);
        }

        Assert.Equal(5, log.Count("manifest"));
        log.Clear();
        foreach (var digest in Enumerable.Reverse(digests))
        {
            var manifest = await metadata.GetManifestAsync(repository, digest, TestContext.Current.CancellationToken);
            Assert.Equal(digest, manifest.Digest);
        }

        var fetched = log.Requests.Select(r => r.Uri.AbsolutePath[(r.Uri.AbsolutePath.LastIndexOf('/') + 1)..]).ToList();
        Assert.Equal([digests[1].ToString(), digests[0].ToString()], fetched);
        Assert.True(metadata.TryGetCachedManifest(digests[2], out _));
        Assert.False(metadata.TryGetCachedManifest(digests[4], out _));
    }
}
