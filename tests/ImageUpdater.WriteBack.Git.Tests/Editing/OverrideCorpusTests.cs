using System.Text.Json;
using ImageUpdater.WriteBack.Git.Editing;

namespace ImageUpdater.WriteBack.Git.Tests.Editing;

// golden/override-corpus holds what the reference's own marshalling (go-yaml v3, replayed by tests/tools/override-corpus)
// writes for each existing file and change; the override editor must write the same bytes.
public sealed class OverrideCorpusTests
{
    private static readonly string Corpus = Path.Combine(GoldenFiles.Directory(), "override-corpus");

    public static TheoryData<string> Cases =>
        [.. Directory.EnumerateFiles(Corpus, "*.change.json").Select(f => Path.GetFileName(f)[..^".change.json".Length]).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_override_file_is_byte_identical_to_the_references(string name)
    {
        var (input, expected) = GoldenFiles.Read("override-corpus", name);
        using var change = JsonDocument.Parse(File.ReadAllText(Path.Combine(Corpus, name + ".change.json")));
        var images = change.RootElement.GetProperty("images").EnumerateArray().Select(ToImageEdit).ToList();

        var actual = change.RootElement.GetProperty("kind").GetString() == "helm"
            ? OverrideFileEditor.WriteHelm(input, name, images)
            : OverrideFileEditor.WriteKustomize(input, name, images);

        GoldenFiles.AssertSame(expected, actual, name);
    }

    [Fact]
    public void The_corpus_covers_new_merged_and_unchanged_files()
    {
        Assert.Contains("helm-new-file", Cases.Select(c => c.Data));
        Assert.Contains("kustomize-merge", Cases.Select(c => c.Data));
        var (input, expected) = GoldenFiles.Read("override-corpus", "helm-unchanged");
        Assert.Equal(input, expected);
    }

    private static ImageEdit ToImageEdit(JsonElement image)
    {
        string? Text(string property) => image.TryGetProperty(property, out var value) ? value.GetString() : null;
        return new ImageEdit
        {
            Alias = Text("alias") ?? string.Empty,
            ImageName = Text("imageName")!,
            Tag = Text("tag"),
            Digest = Text("digest"),
            HelmImageNameKey = Text("helmName"),
            HelmImageTagKey = Text("helmTag"),
            HelmImageSpecKey = Text("helmSpec"),
            KustomizeImageName = Text("kustomizeName"),
        };
    }
}
