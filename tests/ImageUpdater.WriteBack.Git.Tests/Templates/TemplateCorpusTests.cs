using System.Text.Json;
using ImageUpdater.WriteBack.Git.Templates;

namespace ImageUpdater.WriteBack.Git.Tests.Templates;

/// <summary>
/// Replays golden/template-corpus.golden.jsonl, written by Go's own text/template (tests/tools/template-corpus):
/// every template must render byte for byte as Go renders it, or fail where Go fails.
/// </summary>
public sealed class TemplateCorpusTests
{
    // Go runs these; the engine rejects them on purpose (named templates, HTML/JS escaping), naming the construct.
    private static readonly Dictionary<string, string> UnsupportedByDesign = new()
    {
        ["parse-define"] = "unsupported construct {{define}}",
        ["parse-template"] = "unsupported construct {{template}}",
        ["parse-block"] = "unsupported construct {{block}}",
        ["parse-html-function"] = "unsupported construct: function \"html\"",
    };

    private static readonly string GoldenPath = Path.Combine(AppContext.BaseDirectory, "Templates", "golden", "template-corpus.golden.jsonl");

    public static TheoryData<string> CaseNames()
    {
        var names = new TheoryData<string>();
        foreach (var goldenCase in LoadCases())
        {
            names.Add(goldenCase.Name);
        }

        return names;
    }

    [Fact]
    public void The_corpus_covers_the_reference_default_and_dozens_of_real_world_templates()
    {
        var cases = LoadCases();
        Assert.True(cases.Count >= 100, $"only {cases.Count} cases");
        Assert.Equal(CommitMessageTemplate.DefaultText, cases.Single(c => c.Name == "default-sample").Template);
        Assert.True(cases.Count(c => c.Result == "ok") >= 60);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Renders_as_Go_does(string name)
    {
        var golden = LoadCases().Single(c => c.Name == name);
        var data = TemplateCorpusData.ValueOf(golden.Data);

        if (UnsupportedByDesign.TryGetValue(name, out var reason))
        {
            var rejected = Assert.Throws<TemplateException>(() => GoTemplate.Parse(golden.Template));
            Assert.Contains(reason, rejected.Message, StringComparison.Ordinal);
            Assert.True(rejected.Line > 0 && rejected.Column > 0);
            return;
        }

        switch (golden.Result)
        {
            case "ok":
                Assert.Equal(golden.Output, GoTemplate.Parse(golden.Template).Render(data));
                break;
            case "parse-error":
                var parseError = Assert.Throws<TemplateException>(() => GoTemplate.Parse(golden.Template));
                Assert.False(parseError.DuringExecution, parseError.Message);
                break;
            case "exec-error":
                var template = GoTemplate.Parse(golden.Template);
                var execError = Assert.Throws<TemplateException>(() => template.Render(data));
                Assert.True(execError.DuringExecution, execError.Message);
                break;
            default:
                Assert.Fail($"unknown result {golden.Result} in {GoldenPath}");
                break;
        }
    }

    private static List<GoldenCase> LoadCases() =>
        File.ReadLines(GoldenPath)
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<GoldenCase>(line, JsonSerializerOptions.Web)!)
            .ToList();

    private sealed record GoldenCase(string Name, string Data, string Template, string Result, string Output);
}
