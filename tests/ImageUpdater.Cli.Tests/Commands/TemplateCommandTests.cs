using System.Text.Json;

namespace ImageUpdater.Cli.Tests.Commands;

public sealed class TemplateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("template-command-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Renders_the_default_template_exactly_as_the_reference_does()
    {
        var (exitCode, output, error) = await CommandLineRunner.RunAsync("template");

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        // The reference prints the rendering followed by a newline.
        Assert.Equal(GoOutput("default-sample") + "\n", output);
    }

    [Fact]
    public async Task Renders_a_template_file_with_the_sample_data()
    {
        var path = Write("custom.tpl", "{{ .AppName }}: {{ range $i, $c := .AppChanges }}{{ if $i }}, {{ end }}{{ $c.Image }}{{ end }}");

        var (exitCode, output, _) = await CommandLineRunner.RunAsync("template", path);

        Assert.Equal(0, exitCode);
        Assert.Equal("example-app: example/example, example/updater" + "\n", output);
    }

    [Fact]
    public async Task Prints_the_fallback_message_when_the_template_fails_while_executing()
    {
        var path = Write("broken.tpl", "{{ range .AppChanges }}{{ .Tag }}{{ end }}");

        var (exitCode, output, _) = await CommandLineRunner.RunAsync("template", path);

        Assert.Equal(0, exitCode);
        Assert.Equal("build: update of application example-app" + "\n", output);
    }

    [Fact]
    public async Task An_unreadable_path_exits_2_with_one_line_naming_it()
    {
        var missing = Path.Combine(_folder, "missing.tpl");

        var (exitCode, output, error) = await CommandLineRunner.RunAsync("template", missing);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains(missing, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_template_exits_2_naming_the_file_line_and_column()
    {
        var path = Write("invalid.tpl", "line one\n{{ upper .AppName }}");

        var (exitCode, _, error) = await CommandLineRunner.RunAsync("template", path);

        Assert.Equal(2, exitCode);
        Assert.Contains(path, error, StringComparison.Ordinal);
        Assert.Contains("line 2, column 4", error, StringComparison.Ordinal);
        Assert.Contains("\"upper\"", error, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Go's rendering of a case of the template corpus (tests/tools/template-corpus).</summary>
    private static string GoOutput(string caseName)
    {
        var golden = Path.Combine(AppContext.BaseDirectory, "Templates", "golden", "template-corpus.golden.jsonl");
        return File.ReadLines(golden)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Single(element => element.GetProperty("name").GetString() == caseName)
            .GetProperty("output").GetString()!;
    }
}
