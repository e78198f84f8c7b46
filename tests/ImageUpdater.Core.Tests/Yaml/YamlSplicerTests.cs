using ImageUpdater.Yaml;

namespace ImageUpdater.Core.Tests.Yaml;

// The splicer changes only the characters it is told to; everything else, line endings included, stays.
public sealed class YamlSplicerTests
{
    [Fact]
    public void Edits_apply_in_one_pass_in_text_order_whatever_order_they_were_made_in()
    {
        const string Text = "a: 1 # one\nb: 'two' # two\nc: \"3\"\n";
        var root = Read(Text);
        var splicer = new YamlSplicer(Text);

        splicer.SetScalar((ScalarNode)root["c"]!, "30");
        splicer.SetScalar((ScalarNode)root["a"]!, "x");
        splicer.SetScalar((ScalarNode)root["b"]!, "it's");

        Assert.Equal("a: x # one\nb: 'it''s' # two\nc: \"30\"\n", splicer.Apply());
    }

    [Fact]
    public void Overlapping_edits_are_a_programming_error()
    {
        const string Text = "a: 1\n";
        var scalar = (ScalarNode)Read(Text)["a"]!;
        var splicer = new YamlSplicer(Text);
        splicer.Replace(scalar.Span!.Value, "2");
        splicer.Replace(scalar.Span!.Value with { End = scalar.Span.Value.End }, "3");

        Assert.Throws<InvalidOperationException>(splicer.Apply);
    }

    [Fact]
    public void An_anchor_and_a_tag_stay_in_front_of_the_new_value()
    {
        const string Text = "a: &x !!str 1.0\nb: *x\n";
        var splicer = new YamlSplicer(Text);

        splicer.SetScalar((ScalarNode)Read(Text)["a"]!, "2.0");

        Assert.Equal("a: &x !!str \"2.0\"\nb: *x\n", splicer.Apply());
    }

    [Fact]
    public void New_entries_take_the_indentation_step_and_line_ending_of_the_file()
    {
        const string Text = "top:\r\n    child:\r\n        leaf: 1\r\n    other: 2\r\nlast: 3";
        var root = Read(Text);
        var splicer = new YamlSplicer(Text);

        splicer.AddEntry((MappingNode)root["top"]!, ["x", "k"], "v");
        splicer.AddEntry(root, ["z"], "w");

        Assert.Equal("top:\r\n    child:\r\n        leaf: 1\r\n    other: 2\r\n    x:\r\n        k: v\r\nlast: 3\r\nz: w\r\n", splicer.Apply());
    }

    [Fact]
    public void Items_are_appended_to_block_and_flow_sequences()
    {
        const string Text = "block:\n  - a: 1\n    b: 2 # end\nflow: [x, y]\nempty: []\n";
        var root = Read(Text);
        var splicer = new YamlSplicer(Text);

        splicer.AppendItem((SequenceNode)root["block"]!, ["a: 3", "b: 4"], "{a: 3, b: 4}");
        splicer.AppendItem((SequenceNode)root["flow"]!, ["z"], "z");
        splicer.AppendItem((SequenceNode)root["empty"]!, ["z"], "z");

        Assert.Equal("block:\n  - a: 1\n    b: 2 # end\n  - a: 3\n    b: 4\nflow: [x, y, z]\nempty: [z]\n", splicer.Apply());
    }

    [Fact]
    public void A_removed_entry_takes_its_whole_lines_with_it()
    {
        const string Text = "m:\n  keep: 1\n  drop: |\n    text\n  # kept comment\n  last: 2\n";
        var mapping = (MappingNode)Read(Text)["m"]!;
        var splicer = new YamlSplicer(Text);

        splicer.RemoveBlockEntry(mapping.Find("drop")!.Value);

        Assert.Equal("m:\n  keep: 1\n  # kept comment\n  last: 2\n", splicer.Apply());
    }

    private static MappingNode Read(string text) =>
        (MappingNode)new YamlTreeReader(TreeReaderOptions.Default with { ExpandMergeKeys = false }).Read(text).First().Root!;
}
