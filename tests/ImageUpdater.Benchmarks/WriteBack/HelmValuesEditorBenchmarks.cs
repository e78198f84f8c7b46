using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using ImageUpdater.WriteBack.Git.Editing;

namespace ImageUpdater.Benchmarks.WriteBack;

/// <summary>
/// One image edit in a 5,000-line Helm values file (goal: at most 5 ms): a tag set in place, and a tag whose key must
/// be created, through the fast block reader and through the full parser. The baseline is YamlDotNet's parser alone on the same
/// text, the floor for any editor that parses the file: the ratio to it holds even on a loaded machine.
/// </summary>
[MemoryDiagnoser]
public class HelmValuesEditorBenchmarks
{
    private const int Lines = 5_000;

    private static readonly ImageEdit Existing = new() { Alias = "last", ImageName = "ghcr.io/acme/service-last", Tag = "2.0.0", HelmImageNameKey = "last.image.repository", HelmImageTagKey = "last.image.tag" };
    private static readonly ImageEdit Missing = Existing with { HelmImageTagKey = "last.image.newTag" };

    private string _values = string.Empty;

    [GlobalSetup]
    public void Setup() => _values = ValuesFile(Lines);

    [Benchmark(Baseline = true)]
    public int ParseOnly()
    {
        var parser = new YamlDotNet.Core.Parser(new StringReader(_values));
        var events = 0;
        while (parser.MoveNext())
        {
            events++;
        }

        return events;
    }

    [Benchmark]
    public string SetExistingTag() => HelmValuesEditor.Edit(_values, "values.yaml", [Existing]);

    [Benchmark]
    public string CreateMissingTag() => HelmValuesEditor.Edit(_values, "values.yaml", [Missing]);

    // The same edits read by the full parser only (the path for files outside the fast reader's subset).
    [Benchmark]
    public string SetExistingTagFullParser() => HelmValuesEditor.Edit(_values, "values.yaml", [Existing], fastPath: false);

    [Benchmark]
    public string CreateMissingTagFullParser() => HelmValuesEditor.Edit(_values, "values.yaml", [Missing], fastPath: false);

    // A chart's values as they look in the wild: one block per component with comments, nested maps and lists.
    internal static string ValuesFile(int lines)
    {
        var text = new StringBuilder();
        var count = 0;
        for (var i = 0; count < lines - 10; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"""
                # Settings of service {i}
                service{i}:
                  enabled: true
                  replicaCount: {i % 5 + 1}
                  image:
                    repository: ghcr.io/acme/service-{i}
                    tag: "1.{i}.0" # pinned
                    pullPolicy: IfNotPresent
                  resources:
                    limits: {"{"}cpu: 500m, memory: 256Mi{"}"}
                  env:
                    - name: LOG_LEVEL
                      value: info

                """);
            count += 13;
        }

        text.Append("""
            last:
              image:
                repository: ghcr.io/acme/service-last
                tag: 1.0.0
            """).Append('\n');
        return text.ToString();
    }
}
