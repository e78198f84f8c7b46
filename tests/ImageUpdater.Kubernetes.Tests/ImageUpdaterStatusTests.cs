using System.Text.Json.Nodes;
using ImageUpdater.Engine;
using ImageUpdater.Kubernetes.Tests.Fakes;
using ImageUpdater.Testing;

namespace ImageUpdater.Kubernetes.Tests;

/// <summary>The status of ImageUpdater resources, written through the status subresource only when it changed.</summary>
public sealed class ImageUpdaterStatusTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private const string Group = "argocd-image-updater.argoproj.io";

    private JsonObject Resource() => new()
    {
        ["apiVersion"] = Group + "/v1alpha1",
        ["kind"] = "ImageUpdater",
        ["metadata"] = new JsonObject { ["name"] = "web-updater", ["namespace"] = "argocd", ["generation"] = 1 },
        ["spec"] = new JsonObject
        {
            ["namespace"] = "argocd",
            ["applicationRefs"] = new JsonArray(new JsonObject
            {
                ["namePattern"] = "web*",
                ["images"] = new JsonArray(new JsonObject
                {
                    ["alias"] = "web",
                    ["imageName"] = registry.Web + ":~1",
                    ["manifestTargets"] = new JsonObject { ["helm"] = new JsonObject { ["name"] = "image.name", ["tag"] = "image.tag" } },
                }),
            }),
        },
    };

    [Fact]
    public async Task Status_is_written_once_per_change_through_the_status_subresource()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var folder = new TemporaryFolder("kube-");
        api.Put(Cluster.Argo, Cluster.Apps, Cluster.HelmApp("web", registry.Web, "1.0.0"));
        api.Put(Cluster.Argo, Cluster.Apps, Cluster.HelmApp("other", registry.Web, "1.0.0"));
        api.Put(Group, "imageupdaters", Resource());
        await using var services = Cluster.Services(api.WriteKubeconfig(folder), registry.RegistriesConf);

        // The engine writes the status after the cycle: the writer is an ICycleObserver.
        await Cluster.RunCycleAsync(services);
        Assert.Equal(1, api.Count("update", "imageupdaters/status"));

        var stored = api.Get(Group, "imageupdaters", "argocd", "web-updater")!;
        var status = stored["status"]!;
        Assert.Equal(1, (int)status["observedGeneration"]!);
        Assert.Equal(1, (int)status["applicationsMatched"]!);
        Assert.Equal(1, (int)status["imagesManaged"]!);
        Assert.NotNull((string?)status["lastCheckedAt"]);
        Assert.Equal((string?)status["lastCheckedAt"], (string?)status["lastUpdatedAt"]);
        var update = Assert.Single(status["recentUpdates"]!.AsArray())!;
        Assert.Equal("web", (string?)update["alias"]);
        Assert.Equal("argocd/web", (string?)update["applicationName"]);
        Assert.EndsWith("1.2.0", (string?)update["newVersion"], StringComparison.Ordinal);
        var conditions = status["conditions"]!.AsArray().ToDictionary(c => (string)c!["type"]!, c => (string)c!["status"]!);
        Assert.Equal(new Dictionary<string, string> { ["Ready"] = "True", ["Reconciling"] = "False", ["Error"] = "False" }, conditions);

        // Writes to the resource never touched status: only the status subresource did.
        Assert.Equal(1, api.Count("update", "imageupdaters/status"));
        Assert.Equal(0, api.Count("update", "imageupdaters"));

        // Argo CD now runs 1.2.0: the next cycle changes nothing, and nothing is written.
        api.Mutate(Cluster.Argo, Cluster.Apps, "argocd", "web", o => o["status"]!["summary"]!["images"] = new JsonArray(registry.Web + ":1.2.0"));
        var second = await Cluster.RunCycleAsync(services);
        Assert.Equal(ApplicationOutcome.Unchanged, second.Applications.Single(a => a.Name == "web").Outcome);
        Assert.Equal(1, api.Count("update", "imageupdaters/status"));

        // The spec changes (a new generation): the status follows it once.
        api.Mutate(Group, "imageupdaters", "argocd", "web-updater", o => o["metadata"]!["generation"] = 2);
        await Cluster.RunCycleAsync(services);
        Assert.Equal(2, api.Count("update", "imageupdaters/status"));
        Assert.Equal(2, (int)api.Get(Group, "imageupdaters", "argocd", "web-updater")!["status"]!["observedGeneration"]!);
    }
}
