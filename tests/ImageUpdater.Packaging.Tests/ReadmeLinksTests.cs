namespace ImageUpdater.Packaging.Tests;

/// <summary>The link check itself: it must find every form of relative link, or the package test could not fail.</summary>
public sealed class ReadmeLinksTests
{
    [Theory]
    [InlineData("See [docs](../../docs/cli.md).", "../../docs/cli.md")]
    [InlineData("See [docs](docs/cli.md#options \"title\").", "docs/cli.md#options")]
    [InlineData("![logo](images/logo.png)", "images/logo.png")]
    [InlineData("[cli]: ../Cli/README.md", "../Cli/README.md")]
    [InlineData("<a href=\"/docs/x.md\">x</a>", "/docs/x.md")]
    [InlineData("See [root](<README.md>).", "README.md")]
    public void Finds_a_relative_link(string markdown, string target) =>
        Assert.Equal($"line 1: {target}", Assert.Single(ReadmeLinks.Relative(markdown)));

    [Theory]
    [InlineData("See [docs](https://github.com/imageupdater/imageupdater/blob/main/docs/cli.md).")]
    [InlineData("Mail [us](mailto:a@example.test) or read [below](#usage).")]
    [InlineData("[cli]: https://example.test/cli")]
    [InlineData("```csharp\nvar x = list[0](y);\n[a](not/a/link)\n```")]
    [InlineData("An array `a[i](j)` is code, but plain text [x] is not a link.")]
    public void Accepts_absolute_links_anchors_and_code_blocks(string markdown) =>
        Assert.Empty(ReadmeLinks.Relative(markdown));

    [Fact]
    public void Names_the_line_of_each_relative_link()
    {
        var found = ReadmeLinks.Relative("# Title\n\nGood [a](https://example.test).\nBad [b](b.md) and [c](c.md).\n");

        Assert.Equal(["line 4: b.md", "line 4: c.md"], found);
    }
}
