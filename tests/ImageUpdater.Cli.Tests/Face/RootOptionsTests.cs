using System.Reflection;
using System.Text.Json;
using ImageUpdater.Cli.Tests.RegistryQueries;
using ImageUpdater.Testing;

namespace ImageUpdater.Cli.Tests.Face;

/// <summary>--version, --help with examples, --loglevel and --logformat.</summary>
public sealed class RootOptionsTests(PublicRegistryFixture registry) : IClassFixture<PublicRegistryFixture>
{
    [Fact]
    public async Task Version_prints_the_informational_version()
    {
        var expected = typeof(ImageUpdaterCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var (exitCode, output, error) = await CommandLineRunner.RunAsync("--version");

        Assert.True(exitCode == 0, error);
        Assert.Equal(expected, output.Trim());
    }

    [Theory]
    [InlineData("--help", "image-updater run --once --apps ./apps")]
    [InlineData("test --help", "--semver-constraint '>=1.26.0-0'")]
    [InlineData("run --help", "-o json --logformat json")]
    [InlineData("template --help", "image-updater template commit-message.tmpl")]
    public async Task Help_ends_with_examples_of_the_command(string args, string example)
    {
        var (exitCode, output, error) = await CommandLineRunner.RunAsync(args.Split(' '));

        Assert.True(exitCode == 0, error);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        var examples = output.IndexOf("Examples:", StringComparison.Ordinal);
        Assert.True(examples > output.IndexOf("Options:", StringComparison.Ordinal), output);
        Assert.Contains(example, output[examples..], StringComparison.Ordinal);
        Assert.Contains("--loglevel", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--loglevel", "verbose")]
    [InlineData("--logformat", "xml")]
    public async Task An_unknown_level_or_format_is_invalid_input_naming_the_value(string option, string value)
    {
        var (exitCode, output, error) = await CommandLineRunner.RunAsync("test", "nginx", "--tags-from", "-", option, value);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(value, line, StringComparison.Ordinal);
        Assert.Contains(option, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loglevel_warn_keeps_the_result_and_drops_the_info_lines()
    {
        using var apps = new TemporaryFolder("root-options-");
        apps.WriteFile("web.yaml", Application("web", "1.0.0"));

        var (verbose, _, infoLog) = await CommandLineRunner.RunAsync("run", "--once", "--dry-run", "--apps", apps.Path, "--registries-conf", registry.RegistriesConf);
        var (quiet, output, warnLog) = await CommandLineRunner.RunAsync("run", "--once", "--dry-run", "--apps", apps.Path, "--registries-conf", registry.RegistriesConf, "--loglevel", "warn");

        Assert.Equal(0, verbose);
        Assert.Equal(0, quiet);
        Assert.Contains("info: Processing results", infoLog, StringComparison.Ordinal);
        Assert.DoesNotContain("info:", warnLog, StringComparison.Ordinal);
        Assert.Contains(":1.0.0 -> " + registry.Image("acme/web") + ":1.2.0 (dry run)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loglevel_info_hides_the_http_client_request_lines()
    {
        using var apps = new TemporaryFolder("root-options-");
        apps.WriteFile("web.yaml", Application("web", "1.0.0"));

        var (exitCode, _, log) = await CommandLineRunner.RunAsync("run", "--once", "--dry-run", "--apps", apps.Path, "--registries-conf", registry.RegistriesConf);

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("HTTP request", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logformat_json_writes_one_json_object_per_line_on_standard_error()
    {
        using var apps = new TemporaryFolder("root-options-");
        apps.WriteFile("web.yaml", Application("web", "1.0.0"));

        var (exitCode, output, error) = await CliProcess.RunCliAsync("run", "--once", "--dry-run", "--apps", apps.Path, "--registries-conf", registry.RegistriesConf, "-o", "json", "--logformat", "json");

        Assert.True(exitCode == 0, error + output);
        using (JsonDocument.Parse(output))
        {
            // standard output is the result only
        }

        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        var events = lines.Select(line => JsonDocument.Parse(line)).ToList();
        try
        {
            Assert.All(events, e => Assert.True(e.RootElement.TryGetProperty("LogLevel", out _) && e.RootElement.TryGetProperty("Message", out _), e.RootElement.ToString()));
            Assert.Contains(events, e => e.RootElement.GetProperty("Message").GetString()!.StartsWith("Processing results:", StringComparison.Ordinal));
        }
        finally
        {
            events.ForEach(e => e.Dispose());
        }
    }

    private string Application(string name, string tag) => $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {name}
          namespace: argocd
          annotations:
            argocd-image-updater.argoproj.io/image-list: {registry.Image("acme/web")}:~1
        spec:
          project: default
          source:
            repoURL: https://example.test/charts.git
            path: charts/{name}
            helm:
              parameters:
                - name: image.name
                  value: {registry.Image("acme/web")}
                - name: image.tag
                  value: "{tag}"
        """;
}
