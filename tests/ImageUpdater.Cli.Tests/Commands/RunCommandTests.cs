using System.Text.Json;
using ImageUpdater.Cli.Tests.RegistryQueries;
using ImageUpdater.Testing;

namespace ImageUpdater.Cli.Tests.Commands;

/// <summary><c>run --once --apps</c> end to end: real registry, Application files updated in place.</summary>
public sealed class RunCommandTests(PublicRegistryFixture registry) : IClassFixture<PublicRegistryFixture>
{
    private string HelmApp(string name, string imageList, string tag, string extraAnnotations = "") => $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {name}
          namespace: argocd
          annotations:
            argocd-image-updater.argoproj.io/image-list: {imageList}
        {extraAnnotations}
        spec:
          project: default
          source:
            repoURL: https://example.test/charts.git
            path: charts/{name}
            helm:
              # image parameters, kept as written
              parameters:
                - name: image.name
                  value: {registry.Image("acme/web")}
                  forceString: true
                - name: image.tag
                  value: "{tag}"
                  forceString: true
        status:
          summary:
            images:
              - {registry.Image("acme/web")}:{tag}
        """;

    [Fact]
    public async Task Updates_the_application_file_in_place_then_finds_nothing_to_do()
    {
        using var apps = new TemporaryFolder("run-apps-");
        var file = apps.WriteFile("web.yaml", HelmApp("web", $"web={registry.Image("acme/web")}:~1", "1.0.0"));

        var (exitCode, output, error) = await CommandLineRunner.RunAsync("run", "--once", "--apps", apps.Path, "--registries-conf", registry.RegistriesConf, "-o", "json");

        Assert.True(exitCode == 0, error + output);
        using var json = JsonDocument.Parse(output);
        var app = json.RootElement.GetProperty("applications")[0];
        Assert.Equal("updated", app.GetProperty("outcome").GetString());
        var image = app.GetProperty("images")[0];
        Assert.Equal("web", image.GetProperty("alias").GetString());
        Assert.Equal(registry.Image("acme/web") + ":1.0.0", image.GetProperty("current").GetString());
        Assert.Equal(registry.Image("acme/web") + ":1.2.0", image.GetProperty("selected").GetString());
        Assert.True(image.GetProperty("updated").GetBoolean());
        Assert.Equal(1, json.RootElement.GetProperty("summary").GetProperty("imagesUpdated").GetInt32());
        Assert.Equal(HelmApp("web", $"web={registry.Image("acme/web")}:~1", "1.0.0").Replace("value: \"1.0.0\"", "value: \"1.2.0\"", StringComparison.Ordinal), File.ReadAllText(file));
        Assert.Contains("Setting new image to " + registry.Image("acme/web") + ":1.2.0", error, StringComparison.Ordinal);

        var (again, secondOutput, secondError) = await CommandLineRunner.RunAsync("run", "--once", "--apps", apps.Path, "--registries-conf", registry.RegistriesConf);

        Assert.True(again == 0, secondError + secondOutput);
        Assert.Contains("argocd/web: unchanged", secondOutput, StringComparison.Ordinal);
        Assert.Contains("already holds", secondOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_reports_the_update_and_writes_nothing()
    {
        using var apps = new TemporaryFolder("run-apps-");
        var text = HelmApp("web", $"web={registry.Image("acme/web")}:~1", "1.0.0");
        var file = apps.WriteFile("web.yaml", text);

        var (exitCode, output, error) = await CommandLineRunner.RunAsync("run", "--once", "--dry-run", "--apps", apps.Path, "--registries-conf", registry.RegistriesConf);

        Assert.True(exitCode == 0, error + output);
        Assert.Contains(":1.0.0 -> " + registry.Image("acme/web") + ":1.2.0 (dry run)", output, StringComparison.Ordinal);
        Assert.Equal(text, File.ReadAllText(file));
    }

    [Fact]
    public async Task A_bad_annotation_and_a_missing_repository_fail_their_applications_while_a_healthy_one_is_updated()
    {
        using var apps = new TemporaryFolder("run-apps-");
        apps.WriteFile("bad.yaml", HelmApp("bad", $"web={registry.Image("acme/web")}:~1", "1.0.0", "    argocd-image-updater.argoproj.io/force-update: maybe"));
        apps.WriteFile("missing.yaml", HelmApp("missing", $"web={registry.Image("acme/nothing-here")}:~1", "1.0.0", "    argocd-image-updater.argoproj.io/web.force-update: \"true\""));
        var healthy = apps.WriteFile("healthy.yaml", HelmApp("healthy", $"web={registry.Image("acme/web")}:~1", "1.1.0"));

        var (exitCode, output, error) = await CommandLineRunner.RunAsync("run", "--once", "--apps", apps.Path, "--registries-conf", registry.RegistriesConf, "-o", "json");

        Assert.True(exitCode == 1, error + output);
        using var json = JsonDocument.Parse(output);
        var outcomes = json.RootElement.GetProperty("applications").EnumerateArray()
            .ToDictionary(a => a.GetProperty("name").GetString()!, a => a.GetProperty("outcome").GetString());
        Assert.Equal("rejected", outcomes["bad"]);
        Assert.Equal("failed", outcomes["missing"]);
        Assert.Equal("updated", outcomes["healthy"]);
        Assert.Contains("value: \"1.2.0\"", File.ReadAllText(healthy), StringComparison.Ordinal);
        var missing = json.RootElement.GetProperty("applications").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "missing");
        Assert.Equal("not-found", missing.GetProperty("images")[0].GetProperty("error").GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("--apps", "{apps}", "--interval", "soon")]
    [InlineData("--once", "--kubeconfig", "{apps}/no-such-kubeconfig")]
    [InlineData("--once", "--apps", "{apps}/does-not-exist")]
    [InlineData("--once", "--apps", "{apps}", "--max-concurrent-apps", "0")]
    public async Task Invalid_input_exits_2_with_one_line(params string[] args)
    {
        using var apps = new TemporaryFolder("run-apps-");

        var (exitCode, output, error) = await CommandLineRunner.RunAsync(["run", .. args.Select(a => a.Replace("{apps}", apps.Path, StringComparison.Ordinal))]);

        Assert.True(exitCode == 2, error + output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
    }
}
