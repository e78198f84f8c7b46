using ImageUpdater.Strategies;

namespace ImageUpdater.Strategies.Tests.Ordering;

public class OrderingStrategyTests
{
    private static readonly ImageUpdateSettings Settings = ImageUpdateSettings.Default;

    [Fact]
    public void Newest_build_picks_the_latest_creation_time()
    {
        var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        TagInfo[] tags =
        [
            new("b") { CreatedAt = t0.AddHours(2) },
            new("c") { CreatedAt = t0 },
            new("a") { CreatedAt = t0.AddHours(1) },
            new("z"),
        ];
        var strategy = new NewestBuildStrategy();
        Assert.Equal("b", strategy.Select(tags, Settings).Tag?.Name);
        Assert.Equal(TagMetadataNeeds.BuildMetadata, strategy.MetadataNeeds);
        Assert.Equal("newest-build", strategy.Name);
    }

    [Fact]
    public void Newest_build_breaks_ties_by_name_and_the_last_wins()
    {
        var t = DateTimeOffset.UnixEpoch;
        TagInfo[] tags = [new("b") { CreatedAt = t }, new("c") { CreatedAt = t }, new("a") { CreatedAt = t }];
        Assert.Equal("c", new NewestBuildStrategy().Select(tags, Settings).Tag?.Name);

        // Unknown times sort first; among them the name decides.
        Assert.Equal("y", new NewestBuildStrategy().Select(TestTags.Of("x", "y"), Settings).Tag?.Name);
        Assert.Null(new NewestBuildStrategy().Select([], Settings).Tag);
    }

    [Fact]
    public void Alphabetical_is_ordinal_and_the_last_wins()
    {
        var strategy = new AlphabeticalStrategy();
        Assert.Equal("b", strategy.Select(TestTags.Of("B", "a", "b", "A"), Settings).Tag?.Name);
        Assert.Equal("9", strategy.Select(TestTags.Of("10", "9", "100"), Settings).Tag?.Name);
        Assert.Null(strategy.Select([], Settings).Tag);
        Assert.Equal(TagMetadataNeeds.None, strategy.MetadataNeeds);
    }

    [Fact]
    public void Digest_returns_the_watched_tag_with_its_digest()
    {
        var digest = Digest.Sha256Of("manifest"u8);
        TagInfo[] tags = [new("latest") { Digest = digest }, new("stable") { Digest = Digest.Sha256Of("x"u8) }];
        var strategy = new DigestStrategy();
        var selection = strategy.Select(tags, new ImageUpdateSettings { Strategy = "digest", Constraint = "latest" });
        Assert.Equal("latest", selection.Tag?.Name);
        Assert.Equal(digest, selection.Tag?.Digest);
        Assert.Equal(TagMetadataNeeds.ConstraintTagDigest, strategy.MetadataNeeds);
    }

    [Fact]
    public void Digest_needs_a_constraint_and_a_known_digest()
    {
        var strategy = new DigestStrategy();
        Assert.NotNull(strategy.Validate(new ImageUpdateSettings { Strategy = "digest" }));
        Assert.True(strategy.Select(TestTags.Of("latest"), new ImageUpdateSettings { Strategy = "digest" }).IsError);

        var unknown = strategy.Select(TestTags.Of("latest"), new ImageUpdateSettings { Constraint = "latest" });
        Assert.True(unknown.IsError);
        Assert.Contains("'latest'", unknown.Error, StringComparison.Ordinal);

        var missing = strategy.Select(TestTags.Of("main"), new ImageUpdateSettings { Constraint = "latest" });
        Assert.False(missing.IsError);
        Assert.Null(missing.Tag);
    }

    [Fact]
    public void Numerical_picks_the_largest_number()
    {
        var strategy = new NumericalStrategy();
        Assert.Equal("10", strategy.Select(TestTags.Of("9", "10", "-20", "2.5"), Settings).Tag?.Name);
        Assert.Equal("-1.5", strategy.Select(TestTags.Of("-2", "-1.5", "-100"), Settings).Tag?.Name);
        Assert.Equal("1e3", strategy.Select(TestTags.Of("999", "1e3"), Settings).Tag?.Name);
        Assert.Equal(TagStrategyNames.Numerical, strategy.Name);
    }

    [Fact]
    public void Numerical_breaks_ties_by_name_and_the_last_wins()
    {
        Assert.Equal("1.0", new NumericalStrategy().Select(TestTags.Of("1.0", "1", "01"), Settings).Tag?.Name);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("1,5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e400")]
    [InlineData("0x10")]
    [InlineData("")]
    public void Numerical_fails_naming_a_tag_that_is_not_a_number(string bad)
    {
        var selection = new NumericalStrategy().Select(TestTags.Of("1", bad, "2"), Settings);
        Assert.True(selection.IsError);
        Assert.Contains("'" + bad + "'", selection.Error, StringComparison.Ordinal);
    }
}
