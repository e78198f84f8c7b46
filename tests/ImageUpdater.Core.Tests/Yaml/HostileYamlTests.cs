using ImageUpdater.Yaml;

namespace ImageUpdater.Core.Tests.Yaml;

// A stack overflow cannot be caught: if any of these inputs overflowed, the test process itself would die.
public sealed class HostileYamlTests
{
    private const int Deep = 40_000;

    public static TheoryData<string, string> DeepInputs => new()
    {
        { "flow sequences", "registries: " + new string('[', Deep) },
        { "closed flow sequences", "registries: " + new string('[', Deep) + new string(']', Deep) },
        { "flow mappings", "registries: " + string.Concat(Enumerable.Repeat("{a: ", Deep)) },
        { "block sequences", "registries:\n" + string.Concat(Enumerable.Repeat("- ", Deep)) + "x\n" },
        { "indented block mappings", "registries:\n" + string.Concat(Enumerable.Range(1, 2_000).Select(i => new string(' ', i) + "k:\n")) },
        { "mixed", "a: " + string.Concat(Enumerable.Repeat("[{b: ", Deep / 2)) },
    };

    [Theory]
    [MemberData(nameof(DeepInputs))]
    public void Deep_nesting_is_an_error_with_a_position_not_a_crash(string shape, string text)
    {
        var error = Assert.Throws<TreeSyntaxException>(() => new YamlTreeReader(TreeReaderOptions.Default).Read(text).ToList());

        Assert.True(error.Message.Contains("Nesting deeper than 64 levels", StringComparison.Ordinal), shape + ": " + error.Message);
        Assert.NotNull(error.Line);
        Assert.NotNull(error.Column);
    }

    [Fact]
    public void Deep_json_is_an_error_not_a_crash()
    {
        var error = Assert.Throws<TreeSyntaxException>(() => new JsonTreeReader(TreeReaderOptions.Default).Read("{\"a\":" + new string('[', Deep)));

        Assert.Contains("depth", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsInvalidSyntax);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void An_alias_bomb_is_refused_before_it_expands()
    {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + string.Concat(Enumerable.Range(0, 9).Select(i => $"{(char)('b' + i)}: &{(char)('b' + i)} [{string.Join(", ", Enumerable.Repeat("*" + (char)('a' + i), 10))}]\n"));

        var error = Assert.Throws<TreeSyntaxException>(() => new YamlTreeReader(TreeReaderOptions.Default).Read(text).ToList());

        Assert.Contains("expands to more than 1000000 nodes", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void Text_and_lines_beyond_the_limits_are_refused_before_parsing()
    {
        var options = TreeReaderOptions.Default with { MaxTextLength = 100, MaxLineLength = 10 };

        var tooLong = Assert.Throws<TreeSyntaxException>(() => new YamlTreeReader(options).Read(new string('a', 101)).ToList());
        var longLine = Assert.Throws<TreeSyntaxException>(() => new YamlTreeReader(options).Read("a: 1\nb: 12345678\n").ToList());

        Assert.Contains("101 characters long, more than the limit of 100", tooLong.Message, StringComparison.Ordinal);
        Assert.Contains("Line 2 is 11 characters long", longLine.Message, StringComparison.Ordinal);
        Assert.Equal(2, longLine.Line);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_read()
    {
        var text = "a: " + new string('[', 63) + new string(']', 63);

        var root = Assert.IsType<MappingNode>(new YamlTreeReader(TreeReaderOptions.Default).Read(text).Single().Root);

        Assert.IsType<SequenceNode>(root["a"]);
    }
}
