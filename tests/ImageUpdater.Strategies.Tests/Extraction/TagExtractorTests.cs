using ImageUpdater.Strategies;

namespace ImageUpdater.Strategies.Tests.Extraction;

public class TagExtractorTests
{
    private static TagExtractor Create(string pattern, string template)
    {
        Assert.True(TagExtractor.TryCreate(new TagExtraction(pattern, template), out var extractor, out var error), error);
        return extractor;
    }

    [Theory]
    [InlineData("^main-[a-f0-9]+-(?P<ts>[0-9]+)", "$ts", "main-abc123-1700000000", "1700000000")]
    [InlineData("^main-[a-f0-9]+-(?P<ts>[0-9]+)", "${ts}", "main-abc123-17", "17")]
    [InlineData("^(?P<v>[0-9.]+)-(?P<n>[0-9]+)$", "${v}.${n}", "1.2-7", "1.2.7")]
    [InlineData("^([a-z]+)-([0-9]+)$", "$2", "build-42", "42")]
    [InlineData("^([a-z]+)-([0-9]+)$", "$2x", "build-42", "")] // "$2x" names group "2x", which does not exist
    [InlineData("^([a-z]+)-([0-9]+)$", "${2}x", "build-42", "42x")]
    [InlineData("^([a-z]+)-([0-9]+)$", "$$1", "build-42", "$1")]
    [InlineData("^([a-z]+)-([0-9]+)$", "$", "build-42", "$")]
    [InlineData("^([a-z]+)-([0-9]+)$", "${2", "build-42", "${2")]
    [InlineData("^([a-z]+)-([0-9]+)$", "$9", "build-42", "")]
    [InlineData("^([a-z]+)-([0-9]+)$", "$nope", "build-42", "")]
    [InlineData("^([a-z]+)-([0-9]+)$", "$01", "build-42", "")]
    [InlineData("^([a-z]+)(-x)?-([0-9]+)$", "[$2]", "build-42", "[]")]
    [InlineData("[0-9]+", "", "build-42", "build-42")] // an empty template keeps the tag
    [InlineData("(?P<a>x)(y)(?P<b>z)", "$2$b$a", "xyz", "yzx")] // RE2 numbering counts named groups
    public void Expands_as_Go_Regexp_Expand(string pattern, string template, string tag, string expected)
    {
        Assert.True(Create(pattern, template).TryExtract(tag, out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Tags_that_do_not_match_are_dropped()
    {
        Assert.False(Create("^main-", "$0").TryExtract("1.0.0", out var value));
        Assert.Null(value);
    }

    [Fact]
    public void An_invalid_pattern_is_an_error_naming_it()
    {
        Assert.False(TagExtractor.TryCreate(new TagExtraction("(?<=x)y", "$0"), out _, out var error));
        Assert.Contains("(?<=x)y", error, StringComparison.Ordinal);
    }
}
