using ImageUpdater.Registry.Tests.Fixtures;
using ImageUpdater.Testing;
using Microsoft.Extensions.DependencyInjection;
using static ImageUpdater.Registry.Tests.RealRegistry.AnonymousRegistryFixture;

namespace ImageUpdater.Registry.Tests.RealRegistry;

public sealed class AnonymousRegistryTests(AnonymousRegistryFixture fixture) : IClassFixture<AnonymousRegistryFixture>
{
    private static readonly string[] Amd64 = ["linux/amd64"];

    private RegistryEndpoint Endpoint => TestServices.Endpoint(fixture.Registry.BaseUri);

    [Fact]
    public async Task Lists_the_tags_of_a_repository()
    {
        using var services = TestServices.Create();
        var lister = services.GetRequiredService<IRegistryTagLister>();

        var tags = await lister.ListTagsAsync(new RegistryRepository(Endpoint, "acme/web"), TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["1.0", "1.1", "1.2", "arm-only"], tags.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Reads_oci_and_docker_manifests_and_the_digest_is_the_sha256_of_their_bytes()
    {
        using var services = TestServices.Create();
        var reader = services.GetRequiredService<IRegistryManifestReader>();
        var repository = new RegistryRepository(Endpoint, "acme/web");

        var oci = await reader.GetManifestAsync(repository, "1.0", TestContext.Current.CancellationToken);
        var docker = await reader.GetManifestAsync(repository, "1.2", TestContext.Current.CancellationToken);
        var index = await reader.GetManifestAsync(new RegistryRepository(Endpoint, "acme/multi"), "v2", TestContext.Current.CancellationToken);

        Assert.Equal(ManifestMediaTypes.OciManifest, oci.MediaType);
        Assert.Equal(fixture.WebV10Digest, oci.Digest.ToString());
        Assert.Equal(ManifestMediaTypes.DockerManifest, docker.MediaType);
        Assert.Equal(fixture.WebV12Digest, docker.Digest.ToString());
        Assert.Equal(ManifestMediaTypes.DockerManifestList, index.MediaType);
        Assert.Equal([new Platform("linux", "amd64"), new Platform("linux", "arm", "v7")], index.Children.Select(c => c.Platform!.Value));
    }

    [Fact]
    public async Task Head_gives_the_index_digest_without_fetching_the_manifest()
    {
        var log = new RequestLog();
        using var services = TestServices.Create(log);
        var digests = services.GetRequiredService<IRegistryDigestReader>();

        var digest = await digests.GetDigestAsync(new RegistryRepository(Endpoint, "acme/multi"), "v1", TestContext.Current.CancellationToken);

        Assert.Equal(fixture.MultiDigest, digest.ToString());
        Assert.Equal(1, log.Count("manifest-head"));
        Assert.Equal(0, log.Count("manifest"));
    }

    [Fact]
    public async Task Build_metadata_has_created_labels_and_platforms_of_each_candidate()
    {
        using var services = TestServices.Create();
        var pass = services.GetRequiredService<IRegistryPassFactory>().BeginPass();

        var result = await pass.GetCandidatesAsync(Request("acme/web", TagMetadataNeeds.BuildMetadata, Amd64), TestContext.Current.CancellationToken);

        var byName = result.Tags.ToDictionary(t => t.Name);
        Assert.Equal(["1.0", "1.1", "1.2"], byName.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Jan, byName["1.0"].CreatedAt);
        Assert.Equal(Mar, byName["1.1"].CreatedAt);
        Assert.Equal(Feb, byName["1.2"].CreatedAt);
        Assert.Equal("ccc", byName["1.1"].Labels["org.opencontainers.image.revision"]);
        Assert.Equal(fixture.WebV10Digest, byName["1.0"].Digest.ToString());
        Assert.Equal([new Platform("linux", "amd64")], byName["1.0"].Platforms);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal("arm-only", skipped.Tag);
        Assert.Contains("linux/arm/v7", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_index_is_as_new_as_its_newest_child_among_the_wanted_platforms()
    {
        using var services = TestServices.Create();
        var source = services.GetRequiredService<IRegistryPassFactory>().BeginPass(); // one pass: results kept per platform set

        var amd64 = await source.GetCandidatesAsync(Request("acme/multi", TagMetadataNeeds.BuildMetadata, Amd64), TestContext.Current.CancellationToken);
        var both = await source.GetCandidatesAsync(Request("acme/multi", TagMetadataNeeds.BuildMetadata, ["linux/amd64", "linux/arm64"]), TestContext.Current.CancellationToken);
        var arm = await source.GetCandidatesAsync(Request("acme/multi", TagMetadataNeeds.BuildMetadata, ["linux/arm"]), TestContext.Current.CancellationToken);
        var windows = await source.GetCandidatesAsync(Request("acme/multi", TagMetadataNeeds.BuildMetadata, ["windows/amd64"]), TestContext.Current.CancellationToken);

        var v1 = amd64.Tags.Single(t => t.Name == "v1");
        Assert.Equal(Jan, v1.CreatedAt);
        Assert.Equal("amd64", v1.Labels["arch"]);
        Assert.Equal(fixture.MultiDigest, v1.Digest.ToString());
        Assert.Equal(2, v1.Platforms.Count);
        var v1Both = both.Tags.Single(t => t.Name == "v1");
        Assert.Equal(Mar, v1Both.CreatedAt);
        Assert.Equal("arm64", v1Both.Labels["arch"]);
        Assert.Equal(["v2"], arm.Tags.Select(t => t.Name)); // linux/arm accepts linux/arm/v7
        Assert.Empty(windows.Tags);
        Assert.Equal(2, windows.Skipped.Count);
    }

    [Fact]
    public async Task Digest_strategy_heads_only_the_constraint_tag()
    {
        var log = new RequestLog();
        using var services = TestServices.Create(log);
        var pass = services.GetRequiredService<IRegistryPassFactory>().BeginPass();
        var request = Request("acme/multi", TagMetadataNeeds.ConstraintTagDigest, []) with
        {
            Settings = new ImageUpdateSettings { Strategy = TagStrategyNames.Digest, Constraint = "v1" },
        };

        var result = await pass.GetCandidatesAsync(request, TestContext.Current.CancellationToken);

        var tag = Assert.Single(result.Tags);
        Assert.Equal("v1", tag.Name);
        Assert.Equal(fixture.MultiDigest, tag.Digest.ToString());
        Assert.Equal(1, log.Count("manifest-head"));
        Assert.Equal(0, log.Count("manifest") + log.Count("blob"));
    }

    [Fact]
    public async Task Default_namespace_and_tag_classification_are_applied()
    {
        using var services = TestServices.Create();
        var endpoint = Endpoint with { DefaultNamespace = "library" };
        var pass = services.GetRequiredService<IRegistryPassFactory>().BeginPass();

        var result = await pass.GetCandidatesAsync(
            new TagCandidateRequest
            {
                Image = ImageReference.Parse("nginx"),
                Endpoint = endpoint,
                Classify = t => t.EndsWith('6') ? TagClassification.Candidate : TagClassification.RemovedByIgnoreTags,
            },
            TestContext.Current.CancellationToken);

        Assert.Equal("library/nginx", result.Repository.Name);
        Assert.Equal(["1.26"], result.Tags.Select(t => t.Name));
        Assert.Equal(result.Funnel.Listed - 1, result.Funnel.RemovedByIgnoreTags);
        Assert.Equal(1, result.Funnel.Candidates);
    }

    [Fact]
    public async Task Tag_sort_mode_orders_by_position_without_fetching_metadata()
    {
        var log = new RequestLog();
        using var services = TestServices.Create(log);
        var pass = services.GetRequiredService<IRegistryPassFactory>().BeginPass();
        var request = Request("acme/web", TagMetadataNeeds.BuildMetadata, Amd64) with { Endpoint = Endpoint with { TagSortMode = TagSortMode.LatestFirst } };

        var result = await pass.GetCandidatesAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(4, result.Tags.Count);
        Assert.True(result.Tags[0].CreatedAt > result.Tags[^1].CreatedAt);
        Assert.Equal(0, log.Count("manifest") + log.Count("blob") + log.Count("manifest-head"));
    }

    [Fact]
    public async Task A_second_pass_costs_one_tag_list_per_repository_plus_digest_heads_only()
    {
        var log = new RequestLog();
        using var services = TestServices.Create(log);
        var factory = services.GetRequiredService<IRegistryPassFactory>();
        var digestRequest = Request("acme/multi", TagMetadataNeeds.ConstraintTagDigest, []) with
        {
            Settings = new ImageUpdateSettings { Strategy = TagStrategyNames.Digest, Constraint = "v2" },
        };

        async Task RunPassAsync()
        {
            var pass = factory.BeginPass();
            await Task.WhenAll(
                pass.GetCandidatesAsync(Request("acme/web", TagMetadataNeeds.BuildMetadata, Amd64), TestContext.Current.CancellationToken).AsTask(),
                pass.GetCandidatesAsync(Request("acme/web", TagMetadataNeeds.None, Amd64), TestContext.Current.CancellationToken).AsTask(),
                pass.GetCandidatesAsync(Request("acme/multi", TagMetadataNeeds.BuildMetadata, Amd64), TestContext.Current.CancellationToken).AsTask(),
                pass.GetCandidatesAsync(digestRequest, TestContext.Current.CancellationToken).AsTask());
        }

        await RunPassAsync();
        Assert.Equal(2, log.Count("tags")); // two callers of acme/web shared one request
        Assert.True(log.Count("manifest") > 0);
        log.Clear();

        await RunPassAsync();

        Assert.Equal(new Dictionary<string, int> { ["tags"] = 2, ["manifest-head"] = 1 }, log.ByKind());
    }

    [Fact]
    public async Task A_remembered_tag_digest_expires_after_its_lifetime()
    {
        var log = new RequestLog();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var services = TestServices.Create(log, configure: o => o.TagDigestLifetime = TimeSpan.FromMinutes(10), time: time);
        var factory = services.GetRequiredService<IRegistryPassFactory>();
        var request = Request("acme/web", TagMetadataNeeds.BuildMetadata, Amd64);

        await factory.BeginPass().GetCandidatesAsync(request, TestContext.Current.CancellationToken);
        var coldManifests = log.Count("manifest");
        time.Advance(TimeSpan.FromMinutes(5));
        await factory.BeginPass().GetCandidatesAsync(request, TestContext.Current.CancellationToken);
        var warmManifests = log.Count("manifest") - coldManifests;
        time.Advance(TimeSpan.FromMinutes(6));
        await factory.BeginPass().GetCandidatesAsync(request, TestContext.Current.CancellationToken);
        var expiredManifests = log.Count("manifest") - coldManifests - warmManifests;

        Assert.Equal(4, coldManifests);
        Assert.Equal(0, warmManifests);
        Assert.Equal(4, expiredManifests); // asked again by tag; config blobs stay cached by digest
        Assert.Equal(4, log.Count("blob")); // one config per image, the arm-only one included
    }

    [Fact]
    public async Task A_missing_repository_fails_with_registry_repository_and_status_in_one_line()
    {
        using var services = TestServices.Create();
        var pass = services.GetRequiredService<IRegistryPassFactory>().BeginPass();

        var error = await Assert.ThrowsAsync<RegistryException>(async () =>
            await pass.GetCandidatesAsync(Request("acme/missing", TagMetadataNeeds.None, []), TestContext.Current.CancellationToken));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains(fixture.Registry.BaseUri.Authority, error.Message, StringComparison.Ordinal);
        Assert.Contains("acme/missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 404", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    private TagCandidateRequest Request(string name, TagMetadataNeeds needs, string[] platforms) => new()
    {
        Image = ImageReference.Parse(fixture.Registry.BaseUri.Authority + "/" + name),
        Endpoint = Endpoint,
        MetadataNeeds = needs,
        Settings = new ImageUpdateSettings { Platforms = platforms },
    };
}
