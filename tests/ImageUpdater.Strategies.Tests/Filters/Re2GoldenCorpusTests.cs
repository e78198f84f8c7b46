using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageUpdater.Strategies.Tests.Filters;

/// <summary>
/// Replays what Go's <c>regexp</c> did with each pattern (golden/*.golden.jsonl, made by tests/tools/re2-corpus):
/// whether it compiles and, over every tag, whether it matches and the leftmost-first match. The files are only read.
/// </summary>
public class Re2GoldenCorpusTests
{
    // Go accepts these but .NET cannot express them; each must be refused with an error that says why.
    private static readonly Dictionary<string, string> RefusedThoughGoAccepts = new(StringComparer.Ordinal)
    {
        [@"\p{Greek}"] = "script classes",
        [@"\p{Latin}"] = "script classes",
        [@"\p{Han}"] = "script classes",
        [@"[\p{Greek}]"] = "script classes",

        // .NET classes hold UTF-16 code units, so a class cannot name one character above U+FFFF (a range that
        // only ends above it, like [a-\x{1F600}], is kept up to U+FFFF and is checked against Go like the rest).
        [@"[\x{1F600}]"] = "above U+FFFF",
    };

    // Go 1.19, which made the files, refuses (?<name>...); Go 1.22 and later accept it, and so do we.
    private static readonly HashSet<string> AcceptedThoughGo119Refuses = new(StringComparer.Ordinal) { "(?<n>a)" };

    // .NET's \b and \B know Unicode letters and RE2's only ASCII ones, and the non-backtracking engine has no
    // lookaround to build RE2's. Image tags are ASCII (OCI distribution spec), so these differ only on other text.
    private static readonly HashSet<string> DifferOnNonAsciiText = new(StringComparer.Ordinal) { @"\b", @"\B" };

    private static readonly Dictionary<string, List<Row>> Corpus = ReadRows("re2-corpus.golden.jsonl");
    private static readonly Dictionary<string, List<Row>> Acceptance = ReadRows("re2-acceptance.golden.jsonl");

    public static TheoryData<string> CorpusPatterns() => [.. Corpus.Keys];

    public static TheoryData<string> AcceptancePatterns() => [.. Acceptance.Keys];

    [Theory]
    [MemberData(nameof(CorpusPatterns))]
    public void Realistic_patterns_match_tags_as_Go_does(string pattern) => Check(pattern, Corpus[pattern]);

    [Theory]
    [MemberData(nameof(AcceptancePatterns))]
    public void Syntax_is_accepted_and_matched_as_Go_does(string pattern) => Check(pattern, Acceptance[pattern]);

    [Fact]
    public void The_corpora_cover_accepted_and_refused_patterns()
    {
        Assert.True(Corpus.Count >= 80, $"only {Corpus.Count} corpus patterns");
        Assert.True(Corpus.Values.Sum(rows => rows.Count) >= 3000, "too few corpus rows");
        Assert.True(Acceptance.Count >= 500, $"only {Acceptance.Count} acceptance patterns");
        Assert.Contains(Corpus.Values, rows => !rows[0].Compiles);
        Assert.Contains(Acceptance.Values, rows => !rows[0].Compiles);
        Assert.All(RefusedThoughGoAccepts.Keys.Concat(AcceptedThoughGo119Refuses).Concat(DifferOnNonAsciiText), p => Assert.True(Acceptance.ContainsKey(p), p));
    }

    private static void Check(string pattern, List<Row> rows)
    {
        var compiles = Re2Regex.TryCreate(pattern, out var regex, out var error);
        if (RefusedThoughGoAccepts.TryGetValue(pattern, out var reason))
        {
            Assert.True(rows[0].Compiles, $"Go now refuses {pattern}: drop it from the exceptions");
            Assert.False(compiles);
            Assert.Contains(reason, error, StringComparison.Ordinal);
            return;
        }

        var goCompiles = rows[0].Compiles || AcceptedThoughGo119Refuses.Contains(pattern);
        Assert.True(goCompiles == compiles, $"Go {(goCompiles ? "accepts" : "refuses: " + rows[0].Error)}; we {(compiles ? "accept" : "refuse: " + error)}");
        if (!compiles || !rows[0].Compiles)
        {
            return;
        }

        var wrong = rows
            .Where(row => !DifferOnNonAsciiText.Contains(pattern) || Ascii.IsValid(row.Tag))
            .Select(row => (row, match: regex!.Regex.Match(row.Tag!)))
            .Where(r => r.match.Success != r.row.Matches || (r.match.Success && r.match.Value != r.row.Match))
            .Select(r => $"{JsonSerializer.Serialize(r.row.Tag)}: Go {Describe(r.row.Matches == true, r.row.Match)}, we {Describe(r.match.Success, r.match.Value)}")
            .ToList();
        Assert.True(wrong.Count == 0, $"{regex!.Regex} differs from Go on: {string.Join("; ", wrong)}");
    }

    private static string Describe(bool matches, string? match) => matches ? $"match {JsonSerializer.Serialize(match)}" : "no match";

    private static Dictionary<string, List<Row>> ReadRows(string fileName, [CallerFilePath] string sourceFile = "")
    {
        var rows = new Dictionary<string, List<Row>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(Path.GetDirectoryName(sourceFile)!, "golden", fileName)))
        {
            var row = JsonSerializer.Deserialize<Row>(line)!;
            if (!rows.TryGetValue(row.Pattern, out var list))
            {
                rows[row.Pattern] = list = [];
            }

            // A pattern listed twice gives the same rows twice; keep one set.
            if (!list.Exists(r => r.Tag == row.Tag))
            {
                list.Add(row);
            }
        }

        return rows;
    }

    private sealed record Row(
        [property: JsonPropertyName("pattern")] string Pattern,
        [property: JsonPropertyName("tag")] string? Tag,
        [property: JsonPropertyName("compiles")] bool Compiles,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("matches")] bool? Matches,
        [property: JsonPropertyName("match")] string? Match);
}
