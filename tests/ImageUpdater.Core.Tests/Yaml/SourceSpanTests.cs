using ImageUpdater.Yaml;
using YamlDotNet.Core;

namespace ImageUpdater.Core.Tests.Yaml;

// Editors replace exactly the characters of a node's span, so the span must cover its source text, no more, no less.
public sealed class SourceSpanTests
{
    private const string Document = """
        # a comment
        plain: value one
        'single key': 'it''s'
        "double key": "tab\there"
        literal: |
          line one
          line two
        folded: >-
          folded
          text
        flow: {inner: [a, 'b', "c"], other: x}
        block:
          - item
          - k: v
        last: end
        """;

    public static TheoryData<string, string, ScalarStyle> Scalars => new()
    {
        { "plain", "value one", ScalarStyle.Plain },
        { "single key", "'it''s'", ScalarStyle.SingleQuoted },
        { "double key", "\"tab\\there\"", ScalarStyle.DoubleQuoted },
        { "literal", "|\n  line one\n  line two\n", ScalarStyle.Literal },
        { "folded", ">-\n  folded\n  text\n", ScalarStyle.Folded },
        { "last", "end", ScalarStyle.Plain },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void A_value_span_is_its_exact_source_text(string key, string source, ScalarStyle style)
    {
        foreach (var text in Variants(Document))
        {
            var value = Assert.IsType<ScalarNode>(Root(text)[key]);

            Assert.Equal(style, value.Style);
            Assert.Equal(Newlines(source, text), Slice(text, value));
        }
    }

    [Fact]
    public void Key_spans_include_their_quotes()
    {
        foreach (var text in Variants(Document))
        {
            var entries = Root(text).Entries;

            Assert.Equal("plain", Slice(text, entries[0].KeyNode));
            Assert.Equal("'single key'", Slice(text, entries[1].KeyNode));
            Assert.Equal("\"double key\"", Slice(text, entries[2].KeyNode));
            Assert.Equal(ScalarStyle.DoubleQuoted, entries[2].KeyNode.Style);
        }
    }

    [Fact]
    public void Flow_and_block_collections_carry_their_style_and_span()
    {
        foreach (var text in Variants(Document))
        {
            var root = Root(text);
            var flow = Assert.IsType<MappingNode>(root["flow"]);
            var inner = Assert.IsType<SequenceNode>(flow["inner"]);
            var block = Assert.IsType<SequenceNode>(root["block"]);

            Assert.True(flow.IsFlow);
            Assert.Equal("{inner: [a, 'b', \"c\"], other: x}", Slice(text, flow));
            Assert.True(inner.IsFlow);
            Assert.Equal("[a, 'b', \"c\"]", Slice(text, inner));
            Assert.Equal(["a", "'b'", "\"c\""], inner.Items.Select(i => Slice(text, i)));
            Assert.False(block.IsFlow);
            Assert.False(root.IsFlow);
            Assert.Equal("item", Slice(text, block.Items[0]));
            Assert.Equal("v", Slice(text, Assert.IsType<MappingNode>(block.Items[1])["k"]!));
        }
    }

    [Fact]
    public void Blank_lines_after_a_block_scalar_and_a_block_collection_stay_outside_their_spans()
    {
        const string Text = "l: |\n  x\n\n\nblock:\n  - a\n  - b # comment\n\nn: 1\n";

        var root = Root(Text);

        Assert.Equal("|\n  x\n", Slice(Text, root["l"]!));
        Assert.Equal("- a\n  - b", Slice(Text, root["block"]!));
        Assert.Equal(Text.TrimEnd('\n'), Slice(Text, root));
    }

    [Fact]
    public void Positions_are_one_based_lines_and_columns()
    {
        var value = Root(Document)["flow"] as MappingNode;

        Assert.Equal(11, value!.Line);
        Assert.Equal(7, value.Column);
    }

    [Fact]
    public void Tags_and_anchors_are_kept_and_the_value_span_excludes_neither_by_surprise()
    {
        const string Text = "a: &anchor value\nb: !!str 12\nc: *anchor\n";

        var root = Root(Text);
        var anchored = Assert.IsType<ScalarNode>(root["a"]);
        var tagged = Assert.IsType<ScalarNode>(root["b"]);

        Assert.Equal("anchor", anchored.Anchor);
        Assert.Equal("tag:yaml.org,2002:str", tagged.Tag);
        Assert.Same(anchored, root["c"]);
        Assert.EndsWith("value", Slice(Text, anchored), StringComparison.Ordinal);
        Assert.EndsWith("12", Slice(Text, tagged), StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_keys_and_duplicates_are_kept_as_written_when_asked()
    {
        const string Text = "base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n  y: 3\n";
        var raw = TreeReaderOptions.Default with { ExpandMergeKeys = false, RejectDuplicateKeys = false };

        var expanded = Assert.IsType<MappingNode>(Root("base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n")["m"]);
        var asWritten = Assert.IsType<MappingNode>(Root(Text, raw)["m"]);

        Assert.Equal(["y", "x"], expanded.Entries.Select(e => e.Key));
        Assert.Equal(["<<", "y", "y"], asWritten.Entries.Select(e => e.Key));
        Assert.Equal("3", Slice(Text, asWritten.Entries[2].Value));
        Assert.Contains("Duplicate key 'y'", Assert.Throws<TreeSyntaxException>(() => Root(Text)).Message, StringComparison.Ordinal);
    }

    // The same document with LF, with CRLF, and with a byte order mark.
    private static IEnumerable<string> Variants(string text)
    {
        yield return text;
        yield return text.Replace("\n", "\r\n", StringComparison.Ordinal);
        yield return "\uFEFF" + text;
    }

    private static string Newlines(string source, string text) =>
        text.Contains('\r', StringComparison.Ordinal) ? source.Replace("\n", "\r\n", StringComparison.Ordinal) : source;

    private static MappingNode Root(string text, TreeReaderOptions? options = null) =>
        Assert.IsType<MappingNode>(new YamlTreeReader(options ?? TreeReaderOptions.Default).Read(text).Single().Root);

    private static string Slice(string text, TreeNode node) => text[node.Span!.Value.Start..node.Span!.Value.End];
}
