using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ImageUpdater.Core.Tests.Model;

/// <summary>
/// Replays golden/image-reference-corpus.golden.jsonl: identifiers with the result the reference's
/// NewFromIdentifier produced in Go (distribution's ParseNormalizedNamed, the reference's post-processing and its
/// legacy split). The file is only read. Cases of the one deliberate difference (the reference strips
/// <c>library/</c> on every registry, we only on Docker Hub) are not in it.
/// </summary>
public class ImageReferenceGoldenCorpusTests
{
    // Read once: every theory row indexes into the same file.
    private static readonly List<JsonElement> CaseList = ReadCases();

    public static TheoryData<int> Lines() => [.. Enumerable.Range(0, CaseList.Count)];

    [Theory]
    [MemberData(nameof(Lines))]
    public void Parses_as_the_reference_does(int line)
    {
        var expected = Cases()[line];
        var identifier = expected.GetProperty("identifier").GetString()!;

        var actual = ImageReference.Parse(identifier);

        Assert.Equal(expected.GetProperty("strict").GetBoolean(), ImageReference.TryParseStrict(identifier, out _));
        Assert.Equal(expected.GetProperty("alias").GetString(), actual.Alias);
        Assert.Equal(expected.GetProperty("registry").GetString(), actual.Registry);
        Assert.Equal(expected.GetProperty("name").GetString(), actual.Name);
        Assert.Equal(expected.GetProperty("tag").GetString(), actual.Tag);
        Assert.Equal(expected.GetProperty("digest").GetString(), actual.Digest);
    }

    [Fact]
    public void The_corpus_covers_both_parsers()
    {
        var cases = Cases();
        Assert.True(cases.Count >= 300, $"only {cases.Count} cases");
        Assert.Contains(cases, c => c.GetProperty("strict").GetBoolean());
        Assert.Contains(cases, c => !c.GetProperty("strict").GetBoolean());
    }

    private static List<JsonElement> Cases() => CaseList;

    private static List<JsonElement> ReadCases([CallerFilePath] string sourceFile = "") =>
        [.. File.ReadLines(Path.Combine(Path.GetDirectoryName(sourceFile)!, "golden", "image-reference-corpus.golden.jsonl"))
            .Where(static l => l.Length > 0)
            .Select(static l => JsonDocument.Parse(l).RootElement.Clone())];
}
