using ImageUpdater.Engine;
using ImageUpdater.Registry.Tests.Fixtures;
using ImageUpdater.Strategies;
using ImageUpdater.Testing;
using Microsoft.Extensions.DependencyInjection;
using static ImageUpdater.Registry.Tests.Resolution.ResolverFixture;

namespace ImageUpdater.Registry.Tests.Resolution;

/// <summary>
/// Images asking the same question of a repository within a pass share one classification, one set of candidates
/// and one choice; the answers must be those each image gets alone, and nothing is shared across passes.
/// </summary>
public sealed class SharedAnswerTests(ResolverFixture fixture) : IClassFixture<ResolverFixture>
{
    // Policies that share a plan (same settings), that differ only in what the plan does not depend on (platforms,
    // pull secret), and that differ in the plan (constraint, filters, extraction, strategy), over the same repositories.
    private static readonly (string Repository, ImageUpdateSettings Settings)[] Policies =
    [
        ("acme/app", new ImageUpdateSettings { Constraint = "^1.0" }),
        ("acme/app", new ImageUpdateSettings { Constraint = "^1.0" }),
        ("acme/app", new ImageUpdateSettings { Constraint = "^1.0", IgnoreTags = ["1.1.*"] }),
        ("acme/app", new ImageUpdateSettings { Constraint = "^1.0", AllowTags = "regexp:^[0-9]" }),
        ("acme/app", new ImageUpdateSettings { Constraint = ">=2.0" }),
        ("acme/app", new ImageUpdateSettings { Constraint = ">=3.0" }),
        ("acme/app", new ImageUpdateSettings { Strategy = "alphabetical", IgnoreTags = ["v*"] }),
        ("acme/app", new ImageUpdateSettings { Strategy = "alphabetical" }),
        ("acme/app", new ImageUpdateSettings { Strategy = "alphabetical", Extract = new TagExtraction("^build-(?<v>.*)$", "$v") }),
        ("acme/built", new ImageUpdateSettings { Strategy = TagStrategyNames.NewestBuild, Platforms = ["linux/amd64"] }),
        ("acme/built", new ImageUpdateSettings { Strategy = TagStrategyNames.NewestBuild, Platforms = ["linux/amd64"] }),
        ("acme/built", new ImageUpdateSettings { Strategy = TagStrategyNames.NewestBuild, Platforms = ["linux/arm64"] }),
        ("acme/built", new ImageUpdateSettings { Strategy = TagStrategyNames.NewestBuild, Platforms = ["linux/amd64", "linux/arm64"] }),
        ("acme/built", new ImageUpdateSettings { Strategy = TagStrategyNames.NewestBuild, Platforms = ["linux/amd64"], IgnoreTags = ["new"] }),
        ("acme/pinned", new ImageUpdateSettings { Strategy = "digest", Constraint = "latest" }),
        ("acme/pinned", new ImageUpdateSettings { Strategy = "digest", Constraint = "latest" }),
        ("acme/pinned", new ImageUpdateSettings { Strategy = "digest", Constraint = "stable" }),
        ("acme/pinned", new ImageUpdateSettings { Strategy = "alphabetical" }),
    ];

    [Fact]
    public async Task Every_image_of_a_shared_pass_gets_the_answer_it_gets_alone()
    {
        using var services = Services(fixture.Registry.RegistriesConf());
        var resolver = services.GetRequiredService<IImageResolver>();
        var requests = Policies.Select(p => Request(fixture.Registry.Authority + "/" + p.Repository, p.Settings)).ToList();

        var alone = new List<string>();
        foreach (var request in requests)
        {
            using var single = resolver.BeginPass();
            alone.Add(Describe(await single.ResolveAsync(request, TestContext.Current.CancellationToken)));
        }

        // Twice over and concurrently, so that images with the same question meet while the first answer is made.
        using var shared = resolver.BeginPass();
        var together = await Task.WhenAll(requests.Concat(requests).Select(r => shared.ResolveAsync(r, TestContext.Current.CancellationToken).AsTask()));

        Assert.Equal(alone.Concat(alone), together.Select(Describe));
        Assert.Contains("selected v1.2.0", alone[0], StringComparison.Ordinal);
        Assert.Contains("selected v1.2.0", alone[2], StringComparison.Ordinal);
        Assert.Contains("selected 1.1.0", alone[3], StringComparison.Ordinal);
        Assert.Contains("selected newest-arm", alone[11], StringComparison.Ordinal);
        Assert.Contains("selected middle", alone[13], StringComparison.Ordinal);
        Assert.Contains("selected stable", alone[16], StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_answer_per_repository_and_plan_within_a_pass_and_none_across_passes()
    {
        using var services = Services(fixture.Registry.RegistriesConf());
        var selector = services.GetRequiredService<TagSelector>();
        var factory = services.GetRequiredService<IRegistryPassFactory>();
        var endpoint = TestServices.Endpoint(fixture.Registry.BaseUri);
        var image = ImageReference.Parse(fixture.Registry.Authority + "/acme/built");
        TagCandidateRequest RequestFor(ImageUpdateSettings settings)
        {
            var plan = selector.Prepare(settings);
            return new TagCandidateRequest { Image = image, Endpoint = endpoint, Settings = settings, MetadataNeeds = plan.MetadataNeeds, Classify = plan.Classify };
        }

        var amd64 = new ImageUpdateSettings { Strategy = TagStrategyNames.NewestBuild, Platforms = ["linux/amd64"] };
        var pass = factory.BeginPass();
        var first = await pass.GetCandidatesAsync(RequestFor(amd64), TestContext.Current.CancellationToken);
        var same = await pass.GetCandidatesAsync(RequestFor(amd64 with { }), TestContext.Current.CancellationToken);
        var otherPlatform = await pass.GetCandidatesAsync(RequestFor(amd64 with { Platforms = ["linux/arm64"] }), TestContext.Current.CancellationToken);
        var otherPlan = await pass.GetCandidatesAsync(RequestFor(amd64 with { IgnoreTags = ["new"] }), TestContext.Current.CancellationToken);
        var ownClassification = await pass.GetCandidatesAsync(RequestFor(amd64) with { Classify = tag => selector.Prepare(amd64).Classify(tag) }, TestContext.Current.CancellationToken);
        var nextPass = await factory.BeginPass().GetCandidatesAsync(RequestFor(amd64), TestContext.Current.CancellationToken);

        Assert.Same(first, same);
        Assert.NotSame(first, otherPlatform);
        Assert.NotSame(first, otherPlan);
        Assert.NotSame(first, ownClassification);
        Assert.NotSame(first, nextPass);
        Assert.Equal(["middle", "new", "old"], first.Tags.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal(first.Tags.Select(t => t.Name), ownClassification.Tags.Select(t => t.Name));
        Assert.Equal(first.Tags.Select(t => t.Name), nextPass.Tags.Select(t => t.Name));
        Assert.Equal(["newest-arm"], otherPlatform.Tags.Select(t => t.Name));
        Assert.DoesNotContain("new", otherPlan.Tags.Select(t => t.Name));
        Assert.Equal(1, otherPlan.Funnel.RemovedByIgnoreTags);
    }

    [Fact]
    public async Task A_cancelled_caller_leaves_no_answer_behind()
    {
        using var services = Services(fixture.Registry.RegistriesConf());
        var selector = services.GetRequiredService<TagSelector>();
        var settings = new ImageUpdateSettings { Strategy = TagStrategyNames.NewestBuild, Platforms = ["linux/amd64"] };
        var plan = selector.Prepare(settings);
        var request = new TagCandidateRequest
        {
            Image = ImageReference.Parse(fixture.Registry.Authority + "/acme/built"),
            Endpoint = TestServices.Endpoint(fixture.Registry.BaseUri),
            Settings = settings,
            MetadataNeeds = plan.MetadataNeeds,
            Classify = plan.Classify,
        };
        var pass = services.GetRequiredService<IRegistryPassFactory>().BeginPass();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pass.GetCandidatesAsync(request, new CancellationToken(canceled: true)));
        var answer = await pass.GetCandidatesAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(3, answer.Tags.Count);
        Assert.Equal(1, answer.Funnel.RemovedByPlatform);
    }

    private static string Describe(ImageResolution resolution) =>
        $"{resolution.Image.Name}: strategy {resolution.Strategy}; selected {resolution.Selected?.Name} {resolution.Selected?.Digest}; "
        + $"funnel {resolution.Funnel}; skipped [{string.Join(", ", resolution.Skipped.Select(s => s.Tag + ": " + s.Reason))}]; "
        + $"warnings [{string.Join(", ", resolution.Warnings)}]; error {resolution.Error?.Message}";
}
