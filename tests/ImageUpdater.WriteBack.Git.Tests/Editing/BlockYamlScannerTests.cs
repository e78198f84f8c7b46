using System.Globalization;
using System.Text;
using ImageUpdater.WriteBack.Git.Editing;
using ImageUpdater.Yaml;

namespace ImageUpdater.WriteBack.Git.Tests.Editing;

// The fast reader must agree with the full parser on every text it accepts: the same tree with the same spans, lines
// and columns (so every editor splices the same characters), and the same edited bytes. It may decline anything.
public sealed class BlockYamlScannerTests
{
    private static readonly TreeReaderOptions RawTree = TreeReaderOptions.Default with { ExpandMergeKeys = false };

    private static readonly ImageEdit Web = new() { ImageName = "ghcr.io/acme/web", Tag = "1.2.0" };

    public static TheoryData<string> GoldenInputs =>
        [.. Directory.EnumerateFiles(GoldenFiles.Directory(), "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(GoldenFiles.Directory(), f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(GoldenInputs))]
    public void Every_golden_file_reads_the_same_or_is_declined(string name)
    {
        var text = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(GoldenFiles.Directory(), name)));

        AssertAgrees(text, name);
    }

    [Fact]
    public void A_large_values_file_is_read_by_the_fast_path_and_edits_the_same()
    {
        var text = ValuesFile(new Random(1), 400, crlf: false, bom: false, rareOneIn: 0);

        Assert.True(BlockYamlScanner.TryReadMapping(text, RawTree, out _), "the generated values file is in the subset");
        AssertAgrees(text, "generated");
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Generated_values_files_read_the_same_and_edit_to_the_same_bytes(bool crlf, bool bom)
    {
        var accepted = 0;
        for (var seed = 0; seed < 300; seed++)
        {
            var text = ValuesFile(new Random(seed), 12, crlf, bom);
            accepted += AssertAgrees(text, $"seed {seed}") ? 1 : 0;
        }

        // A good share of generated files stays in the subset (the others hold a rare construct): the test must
        // exercise the fast path, not only its declining.
        Assert.True(accepted > 75, $"only {accepted} of 300 generated files were read by the fast path");
    }

    [Fact]
    public void Mutated_files_never_read_differently()
    {
        var accepted = 0;
        var total = 0;
        for (var seed = 0; seed < 1500; seed++)
        {
            var random = new Random(seed);
            var text = ValuesFile(random, 6, crlf: random.Next(4) == 0, bom: random.Next(8) == 0);
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                text = Mutate(random, text);
            }

            total++;
            accepted += AssertAgrees(text, $"mutation seed {seed}") ? 1 : 0;
        }

        Assert.True(accepted > 75, $"only {accepted} of {total} mutated files were read by the fast path");
    }

    [Theory]
    [InlineData("a: &x 1\nb: *x\n")]
    [InlineData("a: |\n  text\n")]
    [InlineData("a: b\n  c\n")]
    [InlineData("a: \"x\\ty\"\n")]
    [InlineData("a:\tb\n")]
    [InlineData("---\na: b\n")]
    [InlineData("a: b\n---\nc: d\n")]
    [InlineData("a: b\na: c\n")]
    [InlineData("<<: {a: b}\n")]
    [InlineData("- a\n- b\n")]
    [InlineData("a: {b: c,\n  d: e}\n")]
    [InlineData("a: !!str b\n")]
    [InlineData("? a\n: b\n")]
    [InlineData("a: b # c\n  d: e\n")]
    public void Text_outside_the_subset_is_declined(string text)
    {
        Assert.False(BlockYamlScanner.TryReadMapping(text, RawTree, out _));
    }

    [Fact]
    public void A_limit_reached_is_declined_so_that_the_full_reader_reports_it()
    {
        var deep = new StringBuilder();
        for (var i = 0; i < 70; i++)
        {
            deep.Append(' ', i * 2).Append("k:\n");
        }

        Assert.False(BlockYamlScanner.TryReadMapping(deep.ToString(), RawTree, out _));
        Assert.False(BlockYamlScanner.TryReadMapping("a: " + new string('x', 100) + "\n", RawTree with { MaxLineLength = 50 }, out _));
        Assert.False(BlockYamlScanner.TryReadMapping("a: 1\nb: 2\nc: 3\n", RawTree with { MaxNodes = 4 }, out _));

        var error = Assert.Throws<ConfigurationException>(() => HelmValuesEditor.Edit(deep.ToString(), "values.yaml", [Web]));
        Assert.Equal("values.yaml", error.Location.File);
        Assert.NotNull(error.Location.Line);
    }

    // Returns whether the fast path read the text.
    private static bool AssertAgrees(string text, string name)
    {
        MappingNode? full = null;
        Exception? fullError = null;
        try
        {
            var documents = new YamlTreeReader(RawTree).Read(text).Select(static d => d.Root).ToList();
            full = documents.Count == 0 || documents[0] is null ? null : documents[0] as MappingNode ?? throw new InvalidDataException("not a mapping");
        }
        catch (Exception ex) when (ex is TreeSyntaxException or InvalidDataException)
        {
            fullError = ex;
        }

        if (!BlockYamlScanner.TryReadMapping(text, RawTree, out var fast))
        {
            return false;
        }

        Assert.True(fullError is null, $"{name}: the fast path read text the full parser rejects ({fullError?.Message}):\n{text}");
        AssertSameNode(full, fast, name + ": $", text);

        // The same tree gives the same edit; run the editor both ways anyway, with keys set and keys created.
        foreach (var edit in new[] { Web, Web with { HelmImageTagKey = "svc1.image.tag" }, Web with { HelmImageTagKey = "svc0.new.tag" }, Web with { Alias = "a", HelmImageSpecKey = "list[0].image" } })
        {
            string Run(bool fastPath)
            {
                try
                {
                    return HelmValuesEditor.Edit(text, "values.yaml", [edit], fastPath);
                }
                catch (ConfigurationException ex)
                {
                    return "error: " + ex.Message + ex.Location;
                }
            }

            Assert.Equal(Run(fastPath: false), Run(fastPath: true));
        }

        return true;
    }

    private static void AssertSameNode(TreeNode? expected, TreeNode? actual, string path, string text)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: {Describe(expected)} vs {Describe(actual)}\n{text}");
            return;
        }

        Assert.True(expected.GetType() == actual.GetType(), $"{path}: {Describe(expected)} vs {Describe(actual)}\n{text}");
        Assert.True(expected.Span == actual.Span, $"{path}: span {expected.Span} vs {actual.Span}\n{text}");
        Assert.Equal(expected.Anchor, actual.Anchor);
        Assert.Equal(expected.Tag, actual.Tag);
        switch (expected)
        {
            case ScalarNode scalar:
                var other = (ScalarNode)actual;
                Assert.True(scalar.Value == other.Value && scalar.Style == other.Style, $"{path}: {Describe(scalar)} vs {Describe(other)}\n{text}");
                break;
            case MappingNode mapping:
                var otherMapping = (MappingNode)actual;
                Assert.Equal(mapping.IsFlow, otherMapping.IsFlow);
                Assert.True(mapping.Entries.Count == otherMapping.Entries.Count, $"{path}: {mapping.Entries.Count} entries vs {otherMapping.Entries.Count}\n{text}");
                for (var i = 0; i < mapping.Entries.Count; i++)
                {
                    AssertSameNode(mapping.Entries[i].KeyNode, otherMapping.Entries[i].KeyNode, path + ".key" + i, text);
                    AssertSameNode(mapping.Entries[i].Value, otherMapping.Entries[i].Value, path + "." + mapping.Entries[i].Key, text);
                }

                break;
            case SequenceNode sequence:
                var otherSequence = (SequenceNode)actual;
                Assert.Equal(sequence.IsFlow, otherSequence.IsFlow);
                Assert.True(sequence.Items.Count == otherSequence.Items.Count, $"{path}: {sequence.Items.Count} items vs {otherSequence.Items.Count}\n{text}");
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    AssertSameNode(sequence.Items[i], otherSequence.Items[i], path + "[" + i + "]", text);
                }

                break;
        }
    }

    private static string Describe(TreeNode? node) => node switch
    {
        null => "nothing",
        ScalarNode s => $"scalar '{s.Value}' ({s.Style}) at {s.Span}",
        _ => $"{node.KindName} at {node.Span}",
    };

    // A values file with the constructs charts use, some of them outside the subset (anchors, block scalars, ...).
    internal static string ValuesFile(Random random, int components, bool crlf, bool bom, int rareOneIn = 150)
    {
        string[] scalars = ["nginx", "ghcr.io/acme/web", "\"1.0.0\"", "'it''s'", "1.10", "true", "null", "~", "\"\"", "a:b", "x#y", "100m", "-1", "two words", "'quoted # not a comment'", "http://example.com/a?b=c", "{}", "[]", "{cpu: 500m, memory: 256Mi}", "[a, \"b\", 'c']", "{a: [1, 2], b: {c: d}}"];
        string[] rare = ["&anchor value", "*anchor", "|\n    block text\n", ">-\n    folded\n", "!!str tagged", "\"esc\\\"aped\"", "multi\n    line", "[a,\n    b]", "'unclosed"];
        var text = new StringBuilder(bom ? "\uFEFF" : string.Empty);
        text.Append("# generated values\n");
        if (random.Next(5) == 0)
        {
            text.Append("app.kubernetes.io/name.literal: web\n");
        }

        for (var i = 0; i < components; i++)
        {
            string Value() => rareOneIn > 0 && random.Next(rareOneIn) == 0 ? rare[random.Next(rare.Length)] : scalars[random.Next(scalars.Length)];
            var step = random.Next(6) == 0 ? 4 : 2;
            var pad = new string(' ', step);
            text.Append(CultureInfo.InvariantCulture, $"svc{i}:{(random.Next(6) == 0 ? " # component" : string.Empty)}\n");
            text.Append(pad).Append("enabled: ").Append(Value()).Append('\n');
            if (random.Next(3) == 0)
            {
                text.Append('\n').Append(pad).Append("# the image\n");
            }

            text.Append(pad).Append("image:\n");
            text.Append(pad).Append(pad).Append("repository: ").Append(Value()).Append('\n');
            if (random.Next(4) != 0)
            {
                text.Append(pad).Append(pad).Append("tag: ").Append(Value()).Append(random.Next(4) == 0 ? "   # pinned" : string.Empty).Append('\n');
            }

            if (random.Next(3) == 0)
            {
                text.Append(pad).Append(pad).Append("empty:").Append(random.Next(2) == 0 ? " # nothing" : string.Empty).Append('\n');
            }

            switch (random.Next(4))
            {
                case 0:
                    // An indentless sequence of mappings, as kubectl writes them.
                    text.Append(pad).Append("env:\n").Append(pad).Append("- name: A\n").Append(pad).Append("  value: ").Append(Value()).Append('\n')
                        .Append(pad).Append("-\n").Append(pad).Append("- ").Append(Value()).Append('\n');
                    break;
                case 1:
                    text.Append(pad).Append("args:\n").Append(pad).Append(pad).Append("- ").Append(Value()).Append('\n')
                        .Append(pad).Append(pad).Append("- key: ").Append(Value()).Append('\n')
                        .Append(pad).Append(pad).Append("  other: x\n")
                        .Append(pad).Append(pad).Append(rareOneIn > 0 && random.Next(5) == 0 ? "- - nested\n" : "- last\n");
                    break;
                case 2:
                    text.Append(pad).Append("\"quoted key\": ").Append(Value()).Append('\n').Append(pad).Append("'single': ").Append(Value()).Append('\n');
                    break;
                default:
                    text.Append(pad).Append("resources: ").Append(Value()).Append('\n');
                    break;
            }

            if (random.Next(4) == 0)
            {
                text.Append('\n');
            }
        }

        if (random.Next(3) == 0)
        {
            text.Append("list:\n- image: old\n  name: first\n");
        }

        var result = text.ToString();
        if (random.Next(4) == 0)
        {
            result = result.TrimEnd('\n');
        }

        return crlf ? result.Replace("\n", "\r\n", StringComparison.Ordinal) : result;
    }

    // A small random change: a character inserted, removed or replaced, or a line's indentation changed.
    private static string Mutate(Random random, string text)
    {
        if (text.Length < 2)
        {
            return text;
        }

        const string Characters = " :-#'\"{}[],&*!|>\t\n\r\\?%@`~.aZ0";
        var at = random.Next(text.Length);
        return random.Next(5) switch
        {
            0 => text.Insert(at, Characters[random.Next(Characters.Length)].ToString()),
            1 => text.Remove(at, 1),
            2 => text.Remove(at, 1).Insert(at, Characters[random.Next(Characters.Length)].ToString()),
            3 => text.Insert(text.LastIndexOf('\n', Math.Max(at - 1, 0)) + 1, new string(' ', random.Next(1, 4))),
            _ => text.Insert(at, ": "),
        };
    }
}
