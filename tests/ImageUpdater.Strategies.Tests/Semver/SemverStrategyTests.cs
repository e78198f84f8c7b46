using ImageUpdater.Strategies;

namespace ImageUpdater.Strategies.Tests.Semver;

public class SemverStrategyTests
{
    private readonly SemverStrategy _strategy = new();

    [Fact]
    public void Picks_the_highest_version_satisfying_the_constraint()
    {
        var tags = TestTags.Of("1.0.0", "1.2.0", "1.10.0", "2.0.0", "latest", "1.11.0-rc.1");
        Assert.Equal("1.10.0", _strategy.Select(tags, TestTags.Semver("~1")).Tag?.Name);
        Assert.Equal("2.0.0", _strategy.Select(tags, TestTags.Semver()).Tag?.Name);
    }

    [Fact]
    public void Skips_unparseable_tags_and_returns_none_when_nothing_fits()
    {
        var tags = TestTags.Of("latest", "main", "sha-abc", "1.2.3.4");
        var selection = _strategy.Select(tags, TestTags.Semver());
        Assert.False(selection.IsError);
        Assert.Null(selection.Tag);
    }

    [Fact]
    public void Excludes_pre_releases_unless_the_constraint_opts_in()
    {
        var tags = TestTags.Of("2.0.0", "2.1.0-rc.1", "2.1.0-alpine");
        Assert.Equal("2.0.0", _strategy.Select(tags, TestTags.Semver("2.x")).Tag?.Name);
        Assert.Equal("2.1.0-rc.1", _strategy.Select(tags, TestTags.Semver("2.x-0")).Tag?.Name);
    }

    [Fact]
    public void Equal_versions_are_ordered_by_tag_ordinally_and_the_last_wins()
    {
        // "v1.2.3" > "1.2.3" ordinally; "1.2.3+b" > "1.2.3+a".
        Assert.Equal("v1.2.3", _strategy.Select(TestTags.Of("v1.2.3", "1.2.3", "1.2"), TestTags.Semver()).Tag?.Name);
        Assert.Equal("v1.2.3", _strategy.Select(TestTags.Of("1.2.3", "v1.2.3"), TestTags.Semver()).Tag?.Name);
        Assert.Equal("1.2.3+b", _strategy.Select(TestTags.Of("1.2.3+b", "1.2.3+a"), TestTags.Semver()).Tag?.Name);
        Assert.Equal("1.2.0", _strategy.Select(TestTags.Of("1.2", "1.2.0", "01.2"), TestTags.Semver()).Tag?.Name);
    }

    [Fact]
    public void Coerces_short_and_zero_padded_versions()
    {
        var tags = TestTags.Of("1", "1.1", "01.02.03", "v1.5");
        Assert.Equal("v1.5", _strategy.Select(tags, TestTags.Semver("^1")).Tag?.Name);
        Assert.Equal("01.02.03", _strategy.Select(tags, TestTags.Semver("<1.3")).Tag?.Name);
    }

    [Fact]
    public void An_invalid_constraint_is_an_error_naming_it()
    {
        var settings = TestTags.Semver(">= banana");
        Assert.Contains(">= banana", _strategy.Validate(settings), StringComparison.Ordinal);
        var selection = _strategy.Select(TestTags.Of("1.0.0"), settings);
        Assert.True(selection.IsError);
        Assert.Contains(">= banana", selection.Error, StringComparison.Ordinal);
        Assert.Null(_strategy.Validate(TestTags.Semver("^1.2")));
    }

    [Fact]
    public void Returns_the_candidate_instance_with_its_metadata()
    {
        var tag = new TagInfo("1.2.3") { CreatedAt = DateTimeOffset.UnixEpoch };
        Assert.Same(tag, _strategy.Select([new TagInfo("1.0.0"), tag], TestTags.Semver()).Tag);
    }

    [Fact]
    public void Describes_itself()
    {
        Assert.Equal("semver", _strategy.Name);
        Assert.Equal(TagMetadataNeeds.None, _strategy.MetadataNeeds);
    }
}
