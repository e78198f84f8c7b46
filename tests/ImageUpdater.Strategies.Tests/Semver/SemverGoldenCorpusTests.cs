using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ImageUpdater.Strategies.Tests.Semver;

/// <summary>
/// Replays golden/semver-corpus.golden.jsonl: versions, comparisons, constraint checks and tag selections with the
/// results Masterminds/semver v3.4 semantics and the reference's GetNewestVersionFromTags produced in Go (an empty
/// constraint selects as <c>*</c>, as v1.3.0 does). The file is only read.
/// </summary>
public class SemverGoldenCorpusTests
{
    // Read once: every theory row indexes into the same file.
    private static readonly List<JsonElement> CaseList = ReadCases();

    public static TheoryData<int> Lines() => [.. Enumerable.Range(0, CaseList.Count)];

    [Theory]
    [MemberData(nameof(Lines))]
    public void Matches_the_reference(int line)
    {
        var c = Cases()[line];
        switch (c.GetProperty("kind").GetString())
        {
            case "version":
                CheckVersion(c);
                break;
            case "compare":
                var a = SemverVersion.Parse(c.GetProperty("a").GetString()!);
                var b = SemverVersion.Parse(c.GetProperty("b").GetString()!);
                Assert.Equal(c.GetProperty("sign").GetInt32(), Math.Sign(a.CompareTo(b)));
                break;
            case "check":
                CheckConstraint(c);
                break;
            case "select":
                CheckSelection(c);
                break;
            default:
                Assert.Fail($"line {line}: unknown kind");
                break;
        }
    }

    [Fact]
    public void The_corpus_covers_every_kind()
    {
        var kinds = Cases().Select(c => c.GetProperty("kind").GetString()).ToHashSet();
        Assert.Equal(["check", "compare", "select", "version"], kinds.Order());
        Assert.True(Cases().Count >= 300, $"only {Cases().Count} cases");
    }

    private static void CheckVersion(JsonElement c)
    {
        var valid = SemverVersion.TryParse(c.GetProperty("text").GetString(), out var v);
        Assert.Equal(c.GetProperty("valid").GetBoolean(), valid);
        if (valid)
        {
            Assert.Equal(ulong.Parse(c.GetProperty("major").GetString()!, CultureInfo.InvariantCulture), v.Major);
            Assert.Equal(ulong.Parse(c.GetProperty("minor").GetString()!, CultureInfo.InvariantCulture), v.Minor);
            Assert.Equal(ulong.Parse(c.GetProperty("patch").GetString()!, CultureInfo.InvariantCulture), v.Patch);
            Assert.Equal(c.GetProperty("pre").GetString(), v.Prerelease);
            Assert.Equal(c.GetProperty("meta").GetString(), v.Metadata);
        }
    }

    private static void CheckConstraint(JsonElement c)
    {
        var parsed = SemverConstraint.TryParse(c.GetProperty("constraint").GetString(), out var constraint, out _);
        Assert.Equal(c.GetProperty("error").GetBoolean(), !parsed);
        if (parsed)
        {
            var version = SemverVersion.Parse(c.GetProperty("version").GetString()!);
            Assert.Equal(c.GetProperty("satisfied").GetBoolean(), constraint!.IsSatisfiedBy(version));
        }
    }

    private static void CheckSelection(JsonElement c)
    {
        var tags = c.GetProperty("tags").EnumerateArray().Select(t => new TagInfo(t.GetString()!)).ToList();
        var settings = new ImageUpdateSettings { Constraint = c.GetProperty("constraint").GetString() };

        var selection = new SemverStrategy().Select(tags, settings);

        Assert.Equal(c.GetProperty("error").GetBoolean(), selection.IsError);
        var expected = c.GetProperty("selected");
        Assert.Equal(expected.ValueKind == JsonValueKind.Null ? null : expected.GetString(), selection.Tag?.Name);
    }

    private static List<JsonElement> Cases() => CaseList;

    private static List<JsonElement> ReadCases([CallerFilePath] string sourceFile = "") =>
        [.. File.ReadLines(Path.Combine(Path.GetDirectoryName(sourceFile)!, "golden", "semver-corpus.golden.jsonl"))
            .Where(static l => l.Length > 0)
            .Select(static l => JsonDocument.Parse(l).RootElement.Clone())];
}
