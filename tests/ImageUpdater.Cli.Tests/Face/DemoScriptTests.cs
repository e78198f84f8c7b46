using System.Diagnostics;
using ImageUpdater.Testing;

namespace ImageUpdater.Cli.Tests.Face;

/// <summary>
/// scripts/demo.sh, the README's first command, run as CI would (with the CLI these tests built): it must leave one
/// commit per git write-back target in the GitOps repository, one in-place commit for the argocd application, and
/// nothing to do on the second run.
/// </summary>
public sealed class DemoScriptTests
{
    [Fact]
    public async Task The_demo_updates_every_write_back_target_and_the_second_run_finds_nothing_to_do()
    {
        using var work = new TemporaryFolder("demo-test-");
        var clock = Stopwatch.StartNew();

        var (exitCode, output, error) = await CliProcess.RunAsync(
            "bash",
            [Path.Combine(CliProcess.RepositoryRoot, "scripts", "demo.sh")],
            new Dictionary<string, string> { ["IMAGE_UPDATER"] = "dotnet " + CliProcess.CliDll, ["DEMO_WORK"] = work.Path },
            TimeSpan.FromMinutes(4));

        Assert.True(exitCode == 0, $"exit {exitCode} after {clock.Elapsed}:\n{output}\n{error}");
        var pushed = await GitCli.RunAsync(work.Path, "--git-dir", Path.Combine(work.Path, "gitops.git"), "log", "--format=%an %s", "main");
        Assert.Contains("image-updater build: automatic update of web\n", pushed, StringComparison.Ordinal);
        Assert.Contains("image-updater build: automatic update of web-canary", pushed, StringComparison.Ordinal);
        Assert.Contains("image-updater build: automatic update of api", pushed, StringComparison.Ordinal);
        Assert.Contains("image-updater build: automatic update of worker", pushed, StringComparison.Ordinal);
        var clone = await GitCli.RunAsync(Path.Combine(work.Path, "clone"), "log", "--format=%an %s", "-1", "--", "apps/cache.yaml");
        Assert.StartsWith("image-updater build: automatic update of cache", clone, StringComparison.Ordinal);

        var values = await File.ReadAllTextAsync(Path.Combine(work.Path, "clone", "charts", "web-canary", "values.yaml"), TestContext.Current.CancellationToken);
        Assert.Contains("tag: 1.26.0-rc.1 # the canary follows release candidates", values, StringComparison.Ordinal);
        var overrides = await File.ReadAllTextAsync(Path.Combine(work.Path, "clone", "charts", "web", ".argocd-source-web.yaml"), TestContext.Current.CancellationToken);
        Assert.Contains("value: 1.25.3", overrides, StringComparison.Ordinal);
        var kustomization = await File.ReadAllTextAsync(Path.Combine(work.Path, "clone", "kustomize", "api", "kustomization.yaml"), TestContext.Current.CancellationToken);
        Assert.Contains("newTag: 3.1.0", kustomization, StringComparison.Ordinal);
        Assert.Contains("5 application(s): 5 updated", output, StringComparison.Ordinal);
        Assert.Contains("5 application(s): 0 updated, 5 unchanged", output, StringComparison.Ordinal);
    }
}
