using ImageUpdater.Strategies;

namespace ImageUpdater.Strategies.Tests.Filters;

public class TagFilterTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("any")]
    [InlineData("ANY")]
    [InlineData(" Any ")]
    public void Empty_or_any_allows_every_tag(string? allow)
    {
        var filter = TagFilter.Create(allow, []);
        Assert.True(filter.AllowsAll);
        Assert.True(filter.IsAllowed("whatever"));
        Assert.Null(filter.Problem);
    }

    [Theory]
    [InlineData("regexp:^1\\.")]
    [InlineData("REGEXP:^1\\.")]
    [InlineData("RegExp:^1\\.")]
    public void Regexp_prefix_is_case_insensitive_and_the_match_unanchored(string allow)
    {
        var filter = TagFilter.Create(allow, []);
        Assert.True(filter.IsAllowed("1.2.3"));
        Assert.False(filter.IsAllowed("2.1.0"));
        Assert.False(filter.AllowsAll);
        Assert.True(TagFilter.Create("regexp:alpine", []).IsAllowed("1.2-alpine3.19"));
    }

    [Theory]
    [InlineData("semver")]
    [InlineData("glob:*")]
    [InlineData("regexp:(")]
    [InlineData("regexp:(?=x)")]
    [InlineData("regexp:a++")]
    public void Anything_else_or_an_invalid_regexp_allows_nothing(string allow)
    {
        var filter = TagFilter.Create(allow, []);
        Assert.False(filter.IsAllowed("1.0.0"));
        Assert.False(filter.IsAllowed(string.Empty));
        Assert.NotNull(filter.Problem);
        Assert.Contains(allow.Replace("regexp:", string.Empty, StringComparison.Ordinal), filter.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Ignore_globs_drop_matching_tags_and_bad_globs_match_nothing()
    {
        var filter = TagFilter.Create("regexp:^1", ["*-rc*", "1.0.?", "[", "1.9.[0-"]);
        Assert.True(filter.IsAllowed("1.2.0"));
        Assert.False(filter.IsAllowed("1.2.0-rc.1"));
        Assert.False(filter.IsAllowed("1.0.5"));
        Assert.True(filter.IsAllowed("1.0.10"));
        Assert.True(filter.IsAllowed("1.9.0"));
        Assert.False(filter.IsAllowed("2.0.0"));
    }

    [Fact]
    public void Ignore_alone_still_filters()
    {
        var filter = TagFilter.Create("any", ["latest"]);
        Assert.False(filter.AllowsAll);
        Assert.False(filter.IsAllowed("latest"));
        Assert.True(filter.IsAllowed("1.0"));
    }
}
