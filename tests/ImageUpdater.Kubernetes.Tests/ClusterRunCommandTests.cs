using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageUpdater.Kubernetes.Tests.Fakes;
using ImageUpdater.Testing;

namespace ImageUpdater.Kubernetes.Tests;

/// <summary><c>image-updater run</c> without <c>--apps</c>, as a process, against the in-test API server.</summary>
public sealed class ClusterRunCommandTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private const string Group = "argocd-image-updater.argoproj.io";

    // One cycle on its own (--once) and one cycle of the service loop (--interval 0, no listening ports).
    [Theory]
    [InlineData("--once")]
    [InlineData("--interval", "0", "--health-port", "0", "--metrics-port", "0")]
    public async Task Run_against_the_cluster_leads_updates_the_application_and_writes_the_status(params string[] mode)
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var folder = new TemporaryFolder("kube-cli-");
        api.Put(Cluster.Argo, Cluster.Apps, Cluster.HelmApp("web", registry.Web, "1.0.0"));
        api.Put(Cluster.Argo, Cluster.Apps, Cluster.HelmApp("elsewhere", registry.Web, "1.0.0", ns: "team-z"));
        api.Put(Group, "imageupdaters", new JsonObject
        {
            ["apiVersion"] = Group + "/v1alpha1",
            ["kind"] = "ImageUpdater",
            ["metadata"] = new JsonObject { ["name"] = "all", ["namespace"] = "argocd" },
            ["spec"] = new JsonObject
            {
                ["namespace"] = "argocd",
                ["applicationRefs"] = new JsonArray(new JsonObject
                {
                    ["namePattern"] = "*",
                    ["images"] = new JsonArray(new JsonObject
                    {
                        ["alias"] = "web",
                        ["imageName"] = registry.Web + ":~1",
                        ["manifestTargets"] = new JsonObject { ["helm"] = new JsonObject { ["name"] = "image.name", ["tag"] = "image.tag" } },
                    }),
                }),
            },
        });
        var kubeconfig = api.WriteKubeconfig(folder);

        var (code, output, error) = await RunAsync(folder.Path, [
            "run", .. mode, "--kubeconfig", kubeconfig, "--registries-conf", registry.RegistriesConf, "-o", "json",
            "--leader-election", "--leader-election-id", "cli-test",
            "--leader-election-retry-period", "00:00:00.2", "--leader-election-renew-deadline", "00:00:01", "--leader-election-lease-duration", "00:00:02"]);

        Assert.True(code == 0, error + output);
        using var json = JsonDocument.Parse(output);
        var app = Assert.Single(json.RootElement.GetProperty("applications").EnumerateArray());
        Assert.Equal("web", app.GetProperty("name").GetString());
        Assert.Equal("updated", app.GetProperty("outcome").GetString());
        Assert.Equal("1.2.0", Cluster.HelmParameter(api.Get(Cluster.Argo, Cluster.Apps, "argocd", "web")!, "image.tag"));
        Assert.Equal("1.0.0", Cluster.HelmParameter(api.Get(Cluster.Argo, Cluster.Apps, "team-z", "elsewhere")!, "image.tag"));
        Assert.NotNull(api.Get("coordination.k8s.io", "leases", "argocd", "cli-test"));
        Assert.Equal(1, (int)api.Get(Group, "imageupdaters", "argocd", "all")!["status"]!["applicationsMatched"]!);
        Assert.DoesNotContain("not-a-secret-test-token", output + error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string home, params string[] arguments)
    {
        // The CLI's own output folder, next to this project's under artifacts/bin, in the same configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var dll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "ImageUpdater.Cli", configuration, "image-updater.dll"));
        Assert.True(File.Exists(dll), dll + " is missing: build src/ImageUpdater.Cli");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = home;
        start.Environment.Remove("KUBECONFIG");
        start.Environment.Remove("KUBERNETES_SERVICE_HOST");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
