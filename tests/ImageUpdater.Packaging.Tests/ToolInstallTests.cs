using System.Text.Json;
using ImageUpdater.Testing;

namespace ImageUpdater.Packaging.Tests;

/// <summary>
/// The packed CLI as a user gets it: installed with `dotnet tool install` from the local folder only (a nuget.config
/// that clears every other source, so nothing comes from a feed), then run against a real registry and a folder of
/// Applications.
/// </summary>
[Collection(PackedPackagesGroup.Name)]
public sealed class ToolInstallTests(PackedPackages packed) : IAsyncLifetime
{
    private static readonly DateTimeOffset Jan = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TemporaryFolder _work = new("tool-install-");
    private DistributionRegistry _registry = null!;
    private string _tool = string.Empty;
    private string _version = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var package = packed.Package("ImageUpdater.Cli");
        _version = PackedPackages.ReadNuspec(package).Version;
        var config = _work.WriteFile("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packed.Folder}" />
              </packageSources>
            </configuration>
            """);
        var toolPath = Path.Combine(_work.Path, "tools");
        var (exitCode, _, output) = await ProcessRunner.RunAsync(
            ProcessRunner.DotNet,
            ["tool", "install", "ImageUpdater.Cli", "--tool-path", toolPath, "--add-source", packed.Folder, "--configfile", config, "--version", _version],
            _work.Path,
            TimeSpan.FromMinutes(3),
            // A packages folder of its own: a package of the same version cached by an earlier run is not this one.
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_work.Path, "nuget-packages") });
        Assert.True(exitCode == 0, "dotnet tool install failed:\n" + output);
        _tool = Path.Combine(toolPath, "image-updater");
        Assert.True(File.Exists(_tool), $"The tool installed no image-updater command:\n{output}");

        _registry = await DistributionRegistry.StartAsync();
        await _registry.PushImageAsync("acme/web", ["1.0.0"], Jan);
        await _registry.PushImageAsync("acme/web", ["1.1.0"], Jan.AddDays(1));
        await _registry.PushImageAsync("acme/web", ["1.2.0"], Jan.AddDays(2));
        await _registry.PushImageAsync("acme/web", ["2.0.0-rc.1"], Jan.AddDays(3));
    }

    public async ValueTask DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        _work.Dispose();
    }

    [Fact]
    public async Task Prints_the_package_version()
    {
        var (exitCode, output, all) = await RunToolAsync("--version");

        Assert.True(exitCode == 0, all);
        // The informational version: the package version, then "+" and the commit.
        Assert.StartsWith(_version, output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tests_a_policy_against_tags_from_a_file()
    {
        var tags = _work.WriteFile("tags.txt", "1.24.0\n1.25.0\n1.25.3\n1.25.4-rc.1\n1.26.0\nlatest\n");

        var (exitCode, output, all) = await RunToolAsync("test", "ghcr.io/acme/web", "--tags-from", tags, "--semver-constraint", "~1.25", "-o", "json");

        Assert.True(exitCode == 0, all);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("ghcr.io/acme/web:1.25.3", json.RootElement.GetProperty("image").GetString());
    }

    [Fact]
    public async Task Runs_one_cycle_over_a_folder_of_applications_and_updates_one_in_place()
    {
        var image = _registry.Authority + "/acme/web";
        var conf = _work.WriteFile("registries.conf", _registry.RegistriesConf());
        var apps = Path.Combine(_work.Path, "apps");
        var file = _work.WriteFile("apps/web.yaml", $"""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: web
              namespace: argocd
              annotations:
                argocd-image-updater.argoproj.io/image-list: web={image}:~1
            spec:
              project: default
              source:
                repoURL: https://example.test/charts.git
                path: charts/web
                helm:
                  parameters:
                    - name: image.name
                      value: {image}
                    - name: image.tag
                      value: "1.0.0"
            status:
              summary:
                images:
                  - {image}:1.0.0
            """);

        var (exitCode, output, all) = await RunToolAsync("run", "--once", "--apps", apps, "--registries-conf", conf, "-o", "json");

        Assert.True(exitCode == 0, all);
        using (var json = JsonDocument.Parse(output))
        {
            var result = json.RootElement.GetProperty("applications")[0];
            Assert.Equal("updated", result.GetProperty("outcome").GetString());
            Assert.Equal(image + ":1.2.0", result.GetProperty("images")[0].GetProperty("selected").GetString());
        }

        Assert.Contains("value: \"1.2.0\"", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.DoesNotContain("value: \"1.0.0\"", File.ReadAllText(file), StringComparison.Ordinal);

        var (again, secondOutput, secondAll) = await RunToolAsync("run", "--once", "--apps", apps, "--registries-conf", conf);

        Assert.True(again == 0, secondAll);
        Assert.Contains("argocd/web: unchanged", secondOutput, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Output, string All)> RunToolAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(
            _tool,
            arguments,
            _work.Path,
            TimeSpan.FromMinutes(2),
            // The tool's launcher finds the runtime through DOTNET_ROOT: the one running these tests.
            new Dictionary<string, string> { ["DOTNET_ROOT"] = Path.GetDirectoryName(Path.GetFullPath(ResolveDotNet()))! });

    private static string ResolveDotNet()
    {
        if (Path.IsPathRooted(ProcessRunner.DotNet))
        {
            return ProcessRunner.DotNet;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "dotnet"))
            .FirstOrDefault(File.Exists);
        Assert.NotNull(onPath);
        // /usr/bin/dotnet is usually a link into the installation.
        return new FileInfo(onPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? onPath;
    }
}
