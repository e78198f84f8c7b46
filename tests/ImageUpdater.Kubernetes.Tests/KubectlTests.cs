using System.Diagnostics;
using System.Text.Json;
using ImageUpdater.Kubernetes.Tests.Fakes;
using ImageUpdater.Testing;

namespace ImageUpdater.Kubernetes.Tests;

/// <summary>The real kubectl against the in-test API server: what ImageUpdater writes is what a cluster client reads.</summary>
public sealed class KubectlTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task Kubectl_reads_the_application_as_the_store_wrote_it()
    {
        var kubectl = Kubectl.Path();
        await using var api = await FakeKubernetesApi.StartAsync();
        using var folder = new TemporaryFolder("kube-");
        var kubeconfig = api.WriteKubeconfig(folder);
        api.Put(Cluster.Argo, Cluster.Apps, Cluster.HelmApp("web", registry.Web, "1.0.0"));
        await using var services = Cluster.Services(kubeconfig, registry.RegistriesConf);
        await Cluster.RunCycleAsync(services);

        var (code, output, error) = await Kubectl.RunAsync(kubectl, folder.Path, "--kubeconfig", kubeconfig, "get", "applications.argoproj.io", "-n", "argocd", "-o", "json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var item = Assert.Single(json.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("Application", item.GetProperty("kind").GetString());
        var parameters = item.GetProperty("spec").GetProperty("source").GetProperty("helm").GetProperty("parameters");
        Assert.Equal("image.tag", parameters[1].GetProperty("name").GetString());
        Assert.Equal("1.2.0", parameters[1].GetProperty("value").GetString());
        Assert.True(parameters[1].GetProperty("forceString").GetBoolean());

        var (eventsCode, events, eventsError) = await Kubectl.RunAsync(kubectl, folder.Path, "--kubeconfig", kubeconfig, "get", "events", "-n", "argocd", "-o", "json");
        Assert.True(eventsCode == 0, eventsError);
        using var eventJson = JsonDocument.Parse(events);
        var @event = Assert.Single(eventJson.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("ImagesUpdated", @event.GetProperty("reason").GetString());
    }
}

internal static class Kubectl
{
    public static string Path()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(dir, "kubectl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail("kubectl is not on PATH: install it with 'apt-get install -y kubernetes-client' (scripts/install-test-deps.sh does).");
        return string.Empty;
    }

    public static async Task<(int Code, string Output, string Error)> RunAsync(string kubectl, string home, params string[] arguments)
    {
        var start = new ProcessStartInfo(kubectl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // kubectl caches discovery under $HOME/.kube: keep it inside the test's folder.
        start.Environment["HOME"] = home;
        start.Environment.Remove("KUBECONFIG");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
