using ImageUpdater.Strategies;

namespace ImageUpdater.Strategies.Tests.Semver;

public class SemverVersionTests
{
    [Theory]
    [InlineData("1.2.3", 1UL, 2UL, 3UL, "", "")]
    [InlineData("v1.2.3", 1UL, 2UL, 3UL, "", "")]
    [InlineData("1", 1UL, 0UL, 0UL, "", "")]
    [InlineData("1.2", 1UL, 2UL, 0UL, "", "")]
    [InlineData("v1", 1UL, 0UL, 0UL, "", "")]
    [InlineData("01.02.03", 1UL, 2UL, 3UL, "", "")]
    [InlineData("1.2.3-rc.1", 1UL, 2UL, 3UL, "rc.1", "")]
    [InlineData("1.2-alpine", 1UL, 2UL, 0UL, "alpine", "")]
    [InlineData("1.2.3-alpine-3.19", 1UL, 2UL, 3UL, "alpine-3.19", "")]
    [InlineData("1.2.3+build.7", 1UL, 2UL, 3UL, "", "build.7")]
    [InlineData("1.2.3-beta+exp.sha.5114f85", 1UL, 2UL, 3UL, "beta", "exp.sha.5114f85")]
    [InlineData("1.2.3--x", 1UL, 2UL, 3UL, "-x", "")]
    [InlineData("18446744073709551615", ulong.MaxValue, 0UL, 0UL, "", "")]
    [InlineData("2.3.5-20161202202307-sha.e8fc5e5", 2UL, 3UL, 5UL, "20161202202307-sha.e8fc5e5", "")]
    public void Parses_what_NewVersion_accepts(string text, ulong major, ulong minor, ulong patch, string pre, string meta)
    {
        Assert.True(SemverVersion.TryParse(text, out var v));
        Assert.Equal((major, minor, patch, pre, meta, text), (v.Major, v.Minor, v.Patch, v.Prerelease, v.Metadata, v.Original));
        Assert.Equal(pre.Length > 0, v.IsPrerelease);
    }

    [Theory]
    [InlineData("")]
    [InlineData("v")]
    [InlineData("V1.2.3")]
    [InlineData("vv1.2.3")]
    [InlineData("latest")]
    [InlineData("1.2.3.4")]
    [InlineData("1.2.3-")]
    [InlineData("1.2.3+")]
    [InlineData("1.2.3-a..b")]
    [InlineData("1.2.3-01")]
    [InlineData("1.2.3-rc.01")]
    [InlineData("1.2.3_4")]
    [InlineData("1.x")]
    [InlineData(" 1.2.3")]
    [InlineData("1.2.3 ")]
    [InlineData("1..2")]
    [InlineData("1.2.")]
    [InlineData("18446744073709551616")]
    [InlineData("1.2.3-ä")]
    [InlineData("sha256-abc")]
    public void Rejects_what_NewVersion_rejects(string text)
    {
        Assert.False(SemverVersion.TryParse(text, out _));
    }

    [Fact]
    public void Leading_zeros_are_allowed_in_build_metadata()
    {
        Assert.True(SemverVersion.TryParse("1.2.3+001", out var v));
        Assert.Equal("001", v.Metadata);
    }

    [Theory]
    [InlineData("1.0.0", "2.0.0")]
    [InlineData("1.2.0", "1.10.0")]
    [InlineData("1.0.0-alpha", "1.0.0")]
    [InlineData("1.0.0-alpha", "1.0.0-alpha.1")]
    [InlineData("1.0.0-alpha.1", "1.0.0-alpha.beta")]
    [InlineData("1.0.0-alpha.beta", "1.0.0-beta")]
    [InlineData("1.0.0-beta", "1.0.0-beta.2")]
    [InlineData("1.0.0-beta.2", "1.0.0-beta.11")]
    [InlineData("1.0.0-beta.11", "1.0.0-rc.1")]
    [InlineData("1.0.0-rc.1", "1.0.0")]
    [InlineData("1.0.0-Beta", "1.0.0-alpha")] // ordinal: upper case sorts before lower case
    [InlineData("1.0.0-99", "1.0.0-100")]
    [InlineData("1.0.0-100", "1.0.0-a")]
    [InlineData("1.0.0-18446744073709551615", "1.0.0-18446744073709551616")] // the latter does not fit 64 bits: compared as text
    [InlineData("9.9.9", "18446744073709551615")]
    public void Orders_as_Masterminds_Compare(string lower, string higher)
    {
        var a = SemverVersion.Parse(lower);
        var b = SemverVersion.Parse(higher);
        Assert.True(a.CompareTo(b) < 0, $"{lower} < {higher}");
        Assert.True(b.CompareTo(a) > 0, $"{higher} > {lower}");
        Assert.True(a < b);
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData("1.2.3", "v1.2.3")]
    [InlineData("1.2.3+a", "1.2.3+b")]
    [InlineData("1.2", "1.2.0")]
    [InlineData("01.2.3", "1.2.3")]
    public void Equal_precedence_ignores_prefix_metadata_and_coercion(string left, string right)
    {
        var a = SemverVersion.Parse(left);
        var b = SemverVersion.Parse(right);
        Assert.Equal(0, a.CompareTo(b));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Converts_to_NuGet_SemanticVersion_when_it_fits()
    {
        var nuget = SemverVersion.Parse("v1.2.3-rc.1+b5").ToSemanticVersion();
        Assert.NotNull(nuget);
        Assert.Equal("1.2.3-rc.1+b5", nuget.ToFullString());
        Assert.Null(SemverVersion.Parse("20240101120000").ToSemanticVersion());
    }
}
