namespace ImageUpdater.Core.Tests.Model;

public sealed class PlatformTests
{
    [Theory]
    [InlineData("linux/amd64", "linux", "amd64", "")]
    [InlineData("linux/arm/v7", "linux", "arm", "v7")]
    [InlineData("linux/arm/v7/extra", "linux", "arm", "v7/extra")]
    [InlineData("windows/amd64", "windows", "amd64", "")]
    public void Parses_os_arch_and_variant(string text, string os, string arch, string variant)
    {
        var platform = Platform.Parse(text);

        Assert.Equal(new Platform(os, arch, variant), platform);
        Assert.Equal(text, platform.ToString());
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("")]
    public void Rejects_text_without_architecture(string text)
    {
        Assert.False(Platform.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Platform.Parse(text));
    }

    [Theory]
    [InlineData("linux/arm", "linux/arm/v7", true)]
    [InlineData("linux/arm", "linux/arm", true)]
    [InlineData("linux/arm/v7", "linux/arm/v7", true)]
    [InlineData("linux/arm/v7", "linux/arm/v6", false)]
    [InlineData("linux/arm/v7", "linux/arm", false)]
    [InlineData("linux/amd64", "linux/arm64", false)]
    [InlineData("linux/amd64", "windows/amd64", false)]
    public void A_wanted_platform_without_variant_accepts_every_variant(string wanted, string candidate, bool expected)
    {
        Assert.Equal(expected, Platform.Parse(wanted).Accepts(Platform.Parse(candidate)));
    }

    [Fact]
    public void An_unparseable_wanted_entry_matches_nothing()
    {
        Assert.False(Platform.AnyAccepts(["bogus"], Platform.Parse("linux/amd64")));
        Assert.True(Platform.AnyAccepts(["bogus", "linux/amd64"], Platform.Parse("linux/amd64")));
    }

    [Fact]
    public void No_wanted_platform_means_the_running_platform()
    {
        Assert.True(Platform.AnyAccepts([], Platform.Current));
        Assert.False(Platform.AnyAccepts([], new Platform("plan9", "mips")));
    }
}
