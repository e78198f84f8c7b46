using ImageUpdater.Strategies;
using Microsoft.Extensions.DependencyInjection;

namespace ImageUpdater.Strategies.Tests.Selection;

public class TagSelectorTests
{
    private static TagSelector CreateSelector()
    {
        var services = new ServiceCollection();
        services.AddImageUpdater().AddTagStrategies();
        return services.BuildServiceProvider().GetRequiredService<TagSelector>();
    }

    [Fact]
    public void Applies_filters_before_the_strategy()
    {
        var tags = TestTags.Of("1.0.0", "1.1.0", "1.2.0-rc.1", "2.0.0", "1.3.0-alpine");
        var settings = new ImageUpdateSettings { Constraint = "1.x-0", AllowTags = "regexp:^1\\.", IgnoreTags = ["*-rc*"] };
        var outcome = CreateSelector().Select(tags, settings);
        Assert.Equal("1.3.0-alpine", outcome.Tag?.Name);
        Assert.Equal("semver", outcome.Strategy);
        Assert.Equal(3, outcome.CandidateCount);
        Assert.Empty(outcome.Warnings);
        Assert.Null(outcome.Error);
    }

    [Theory]
    [InlineData("latest", "newest-build")]
    [InlineData("name", "alphabetical")]
    [InlineData("bogus", "semver")]
    public void Reports_the_registry_warnings(string name, string resolved)
    {
        var plan = CreateSelector().Prepare(new ImageUpdateSettings { Strategy = name });
        Assert.Equal(resolved, plan.Strategy.Name);
        Assert.Single(plan.Warnings);
        Assert.Contains(name, plan.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Exposes_metadata_needs_before_any_tag_is_known()
    {
        var selector = CreateSelector();
        Assert.Equal(TagMetadataNeeds.BuildMetadata, selector.Prepare(new ImageUpdateSettings { Strategy = "newest-build" }).MetadataNeeds);
        Assert.Equal(TagMetadataNeeds.ConstraintTagDigest, selector.Prepare(new ImageUpdateSettings { Strategy = "digest", Constraint = "latest" }).MetadataNeeds);
        Assert.Equal(TagMetadataNeeds.None, selector.Prepare(ImageUpdateSettings.Default).MetadataNeeds);
    }

    [Fact]
    public void An_invalid_constraint_stops_the_image_with_an_error()
    {
        var plan = CreateSelector().Prepare(new ImageUpdateSettings { Constraint = "~> nope" });
        Assert.Contains("~> nope", plan.Error, StringComparison.Ordinal);
        var outcome = plan.Select(TestTags.Of("1.0.0"));
        Assert.Null(outcome.Tag);
        Assert.Contains("~> nope", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_allow_tags_value_that_allows_nothing_is_a_warning()
    {
        var outcome = CreateSelector().Select(TestTags.Of("1.0.0"), new ImageUpdateSettings { AllowTags = "regexp:(" });
        Assert.Null(outcome.Tag);
        Assert.Null(outcome.Error);
        Assert.Contains(outcome.Warnings, w => w.Contains("regexp:(", StringComparison.Ordinal) || w.Contains("'('", StringComparison.Ordinal));
    }

    [Fact]
    public void Classify_limits_metadata_fetches_and_names_the_step_that_removes_a_tag()
    {
        var selector = CreateSelector();
        var plan = selector.Prepare(new ImageUpdateSettings { Strategy = "newest-build", AllowTags = "regexp:^main-", IgnoreTags = ["main-old*"] });
        Assert.Equal(TagClassification.Candidate, plan.Classify("main-123"));
        Assert.Equal(TagClassification.RemovedByIgnoreTags, plan.Classify("main-old-1"));
        Assert.Equal(TagClassification.RemovedByAllowTags, plan.Classify("1.0.0"));

        var digest = selector.Prepare(new ImageUpdateSettings { Strategy = "digest", Constraint = "latest" });
        Assert.Equal(TagClassification.Candidate, digest.Classify("latest"));
        Assert.Equal(TagClassification.NotWatched, digest.Classify("stable"));

        var extract = selector.Prepare(new ImageUpdateSettings { Extract = new TagExtraction("^build-(?P<n>[0-9]+)$", "$n") });
        Assert.Equal(TagClassification.Candidate, extract.Classify("build-7"));
        Assert.Equal(TagClassification.NotExtractable, extract.Classify("build-x"));
    }

    [Fact]
    public void Choose_does_not_filter_again_and_counts_what_the_strategy_set_aside()
    {
        var plan = CreateSelector().Prepare(new ImageUpdateSettings { Constraint = "~1.2", AllowTags = "regexp:^9" });

        // Classify already decided these are candidates; allow-tags (which would refuse all of them) is not applied again.
        var choice = plan.Choose(TestTags.Of("1.2.0", "1.2.5", "1.3.0", "latest", "main"));
        Assert.Equal("1.2.5", choice.Selection.Tag?.Name);
        Assert.Equal(2, choice.Unparseable);
        Assert.Equal(1, choice.OutsideConstraint);
    }

    [Fact]
    public void Plans_for_identical_settings_are_shared()
    {
        var selector = CreateSelector();
        var first = selector.Prepare(new ImageUpdateSettings { Constraint = "^1.0", IgnoreTags = ["*-rc*"] });
        var second = selector.Prepare(new ImageUpdateSettings { Constraint = "^1.0", IgnoreTags = ["*-rc*"], Platforms = ["linux/arm64"] });
        var other = selector.Prepare(new ImageUpdateSettings { Constraint = "^2.0", IgnoreTags = ["*-rc*"] });
        Assert.Same(first, second);
        Assert.NotSame(first, other);
    }

    [Fact]
    public void A_plan_in_steady_use_survives_a_stream_of_one_off_settings()
    {
        var selector = CreateSelector();
        var steady = new ImageUpdateSettings { Constraint = "^1.0" };
        var first = selector.Prepare(steady);

        // Far more distinct settings than the cache holds, with the steady policy asked for in between, as a cycle does.
        for (var i = 0; i < 5_000; i++)
        {
            selector.Prepare(new ImageUpdateSettings { Constraint = "~1." + i });
            if (i % 100 == 0)
            {
                Assert.Same(first, selector.Prepare(steady));
            }
        }

        Assert.Same(first, selector.Prepare(steady));
    }

    [Fact]
    public void Extraction_orders_by_the_extracted_value_and_returns_the_original_tag()
    {
        var tags = TestTags.Of("main-aaa-9", "main-bbb-10", "feature-ccc-99", "main-ddd-2");
        var settings = new ImageUpdateSettings
        {
            Strategy = "numerical",
            Extract = new TagExtraction("^main-[a-z]+-(?P<ts>[0-9]+)$", "$ts"),
        };
        var outcome = CreateSelector().Select(tags, settings);
        Assert.Same(tags[1], outcome.Tag);
        Assert.Equal(3, outcome.CandidateCount);
    }

    [Fact]
    public void Extraction_with_semver_and_duplicate_values_keeps_the_later_tag()
    {
        var tags = TestTags.Of("app-1.2.0-a", "app-1.10.0-b", "app-1.10.0-c", "app-2.0.0-rc.1-d");
        var settings = new ImageUpdateSettings { Extract = new TagExtraction(@"^app-(?P<v>\d+\.\d+\.\d+(-rc\.\d+)?)-", "$v") };
        var outcome = CreateSelector().Select(tags, settings);
        Assert.Equal("app-1.10.0-c", outcome.Tag?.Name);
    }

    [Fact]
    public void An_invalid_extraction_pattern_is_an_error()
    {
        var outcome = CreateSelector().Select(TestTags.Of("1"), new ImageUpdateSettings { Extract = new TagExtraction("(a", "$1") });
        Assert.Contains("(a", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Digest_ignores_extraction()
    {
        var tag = new TagInfo("latest") { Digest = Digest.Sha256Of("m"u8) };
        var outcome = CreateSelector().Select(
            [tag, new TagInfo("1.0")],
            new ImageUpdateSettings { Strategy = "digest", Constraint = "latest", Extract = new TagExtraction("^[0-9]", "") });
        Assert.Same(tag, outcome.Tag);
    }

    [Fact]
    public void Registration_is_idempotent_and_resolves_every_built_in()
    {
        var services = new ServiceCollection();
        services.AddImageUpdater().AddTagStrategies().AddTagStrategies();
        Assert.Equal(5, services.Count(d => d.ServiceType == typeof(ITagStrategy)));
        Assert.Single(services, d => d.ServiceType == typeof(TagSelector));
        var provider = services.BuildServiceProvider();
        var registry = provider.GetRequiredService<TagStrategyRegistry>();
        Assert.Equal(
            ["alphabetical", "digest", "newest-build", "numerical", "semver"],
            registry.Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Works_without_calling_AddImageUpdater_first()
    {
        var services = new ServiceCollection();
        new MinimalBuilder(services).AddTagStrategies();
        var selector = services.BuildServiceProvider().GetRequiredService<TagSelector>();

        var tags = TestTags.Of("1.0.0", "1.10.0", "1.9.0");
        Assert.Equal("1.10.0", selector.Select(tags, ImageUpdateSettings.Default).Tag?.Name);
        Assert.Equal("1.9.0", selector.Select(tags, new ImageUpdateSettings { Strategy = "alphabetical" }).Tag?.Name);
    }

    private sealed class MinimalBuilder(IServiceCollection services) : IImageUpdaterBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
