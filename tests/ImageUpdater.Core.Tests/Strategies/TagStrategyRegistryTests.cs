using Microsoft.Extensions.DependencyInjection;

namespace ImageUpdater.Core.Tests.Strategies;

public sealed class TagStrategyRegistryTests
{
    [Theory]
    [InlineData("semver", "semver", false)]
    [InlineData("SemVer", "semver", false)]
    [InlineData("", "semver", false)]
    [InlineData(null, "semver", false)]
    [InlineData("newest-build", "newest-build", false)]
    [InlineData("latest", "newest-build", true)]
    [InlineData("LATEST", "newest-build", true)]
    [InlineData("name", "alphabetical", true)]
    [InlineData("Alphabetical", "alphabetical", false)]
    [InlineData("bogus", "semver", true)]
    public void Resolves_names_aliases_and_unknowns_as_the_reference(string? name, string expected, bool warns)
    {
        var registry = new TagStrategyRegistry(
            [new NamedStrategy("semver"), new NamedStrategy("newest-build"), new NamedStrategy("alphabetical")]);

        var resolution = registry.Resolve(name);

        Assert.Equal(expected, resolution.Strategy.Name);
        Assert.Equal(warns, resolution.Warning is not null);
    }

    [Fact]
    public void A_user_strategy_registered_through_DI_is_resolvable()
    {
        var services = new ServiceCollection();
        services.AddImageUpdater()
            .AddTagStrategy<SemverLike>()
            .AddTagStrategy<Shortest>()
            .AddTagStrategy<Shortest>();
        using var provider = services.BuildServiceProvider();

        var registry = provider.GetRequiredService<TagStrategyRegistry>();

        Assert.Equal(2, provider.GetServices<ITagStrategy>().Count());
        var resolution = registry.Resolve("Shortest");
        Assert.IsType<Shortest>(resolution.Strategy);
        Assert.Null(resolution.Warning);
        Assert.Equal("a", resolution.Strategy.Select([new TagInfo("abc"), new TagInfo("a")], ImageUpdateSettings.Default).Tag?.Name);
    }

    [Fact]
    public void Fails_clearly_without_a_semver_strategy_to_fall_back_to()
    {
        var registry = new TagStrategyRegistry([]);

        var error = Assert.Throws<InvalidOperationException>(() => registry.Resolve("whatever"));
        Assert.Contains("semver", error.Message, StringComparison.Ordinal);
    }

    private sealed class NamedStrategy(string name) : ITagStrategy
    {
        public string Name => name;

        public TagMetadataNeeds MetadataNeeds => TagMetadataNeeds.None;

        public string? Validate(ImageUpdateSettings settings) => null;

        public TagSelection Select(IReadOnlyList<TagInfo> candidates, ImageUpdateSettings settings) => TagSelection.None;
    }

    private sealed class SemverLike : ITagStrategy
    {
        public string Name => "semver";

        public TagMetadataNeeds MetadataNeeds => TagMetadataNeeds.None;

        public string? Validate(ImageUpdateSettings settings) => null;

        public TagSelection Select(IReadOnlyList<TagInfo> candidates, ImageUpdateSettings settings) => TagSelection.None;
    }

    private sealed class Shortest : ITagStrategy
    {
        public string Name => "shortest";

        public TagMetadataNeeds MetadataNeeds => TagMetadataNeeds.None;

        public string? Validate(ImageUpdateSettings settings) => null;

        public TagSelection Select(IReadOnlyList<TagInfo> candidates, ImageUpdateSettings settings) =>
            candidates.Count == 0 ? TagSelection.None : TagSelection.Selected(candidates.MinBy(tag => tag.Name.Length)!);
    }
}
