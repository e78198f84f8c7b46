using System.Text.Json.Nodes;
using ImageUpdater.Engine;
using ImageUpdater.Kubernetes.Tests.Fakes;
using ImageUpdater.Testing;

namespace ImageUpdater.Kubernetes.Tests;

/// <summary>
/// The real engine with the cluster source and the Argo CD write-back through the API, against the in-test API
/// server and a real registry.
/// </summary>
public sealed class ApplicationStoreTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task Updates_the_helm_parameters_with_the_version_read_records_an_event_then_finds_nothing_to_do()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var folder = new TemporaryFolder("kube-");
        api.Put(Cluster.Argo, Cluster.Apps, Cluster.HelmApp("web", registry.Web, "1.0.0"));
        await using var services = Cluster.Services(api.WriteKubeconfig(folder), registry.RegistriesConf);

        var result = await Cluster.RunCycleAsync(services);

        var app = Assert.Single(result.Applications);
        Assert.True(app.Outcome == ApplicationOutcome.Updated, string.Join("; ", app.Errors.Select(e => e.Message)) + app.Reason);
        var stored = api.Get(Cluster.Argo, Cluster.Apps, "argocd", "web")!;
        Assert.Equal("1.2.0", Cluster.HelmParameter(stored, "image.tag"));
        Assert.Equal(registry.Web, Cluster.HelmParameter(stored, "image.name"));
        Assert.True((bool)stored["spec"]!["source"]!["helm"]!["parameters"]![1]!["forceString"]!);

        // Fields ImageUpdater does not model are kept.
        Assert.Equal("web", (string?)stored["spec"]!["source"]!["helm"]!["releaseName"]);
        Assert.Equal("https://kubernetes.default.svc", (string?)stored["spec"]!["destination"]!["server"]);
        Assert.Equal(1, api.Count("update", Cluster.Apps));

        var @event = Assert.Single(api.All(string.Empty, "events"));
        Assert.Equal("ImagesUpdated", (string?)@event["reason"]);
        Assert.Equal("Normal", (string?)@event["type"]);
        Assert.Equal("Successfully updated application 'web'", (string?)@event["message"]);
        Assert.Equal("ArgocdImageUpdater", (string?)@event["source"]!["component"]);
        Assert.Equal("Application", (string?)@event["involvedObject"]!["kind"]);
        Assert.Equal("web", (string?)@event["involvedObject"]!["name"]);
        Assert.Equal("argocd", (string?)@event["metadata"]!["namespace"]);
        var annotations = @event["metadata"]!["annotations"]!;
        Assert.Equal(registry.Web, (string?)annotations["argocd-image-updater.image-0/full-image-name"]);
        Assert.Equal("acme/web", (string?)annotations["argocd-image-updater.image-0/image-name"]);
        Assert.Equal("1.0.0", (string?)annotations["argocd-image-updater.image-0/old-tag"]);
        Assert.Equal("1.2.0", (string?)annotations["argocd-image-updater.image-0/new-tag"]);

        // Argo CD would now run 1.2.0; the spec already holds it: nothing is written.
        api.Mutate(Cluster.Argo, Cluster.Apps, "argocd", "web", o => o["status"]!["summary"]!["images"] = new JsonArray(registry.Web + ":1.2.0"));
        var again = await Cluster.RunCycleAsync(services);
        Assert.Equal(ApplicationOutcome.Unchanged, Assert.Single(again.Applications).Outcome);
        Assert.Equal(1, api.Count("update", Cluster.Apps));
        Assert.Single(api.All(string.Empty, "events"));
    }

    [Fact]
    public async Task A_conflict_during_the_write_back_reads_the_application_again_and_keeps_the_other_writers_change()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var folder = new TemporaryFolder("kube-");
        api.Put(Cluster.Argo, Cluster.Apps, Cluster.HelmApp("web", registry.Web, "1.0.0"));
        var raced = 0;
        api.Intercept = (_, request) =>
        {
            // Another writer (Argo CD, a user) changes the Application between our read and our first update.
            if (request.Verb == "update" && request.Resource == Cluster.Apps && Interlocked.Increment(ref raced) == 1)
            {
                api.Mutate(Cluster.Argo, Cluster.Apps, "argocd", "web", o => o["spec"]!["source"]!["helm"]!["releaseName"] = "changed-meanwhile");
            }

            return Task.FromResult(false);
        };
        await using var services = Cluster.Services(api.WriteKubeconfig(folder), registry.RegistriesConf);

        var result = await Cluster.RunCycleAsync(services);

        var app = Assert.Single(result.Applications);
        Assert.True(app.Outcome == ApplicationOutcome.Updated, string.Join("; ", app.Errors.Select(e => e.Message)));
        Assert.Equal(2, api.Count("update", Cluster.Apps));
        var stored = api.Get(Cluster.Argo, Cluster.Apps, "argocd", "web")!;
        Assert.Equal("1.2.0", Cluster.HelmParameter(stored, "image.tag"));
        Assert.Equal("changed-meanwhile", (string?)stored["spec"]!["source"]!["helm"]!["releaseName"]);
        Assert.Single(api.All(string.Empty, "events"));
    }

    [Fact]
    public async Task Conflicts_on_every_attempt_fail_that_application_only_after_the_bounded_retries()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var folder = new TemporaryFolder("kube-");
        api.Put(Cluster.Argo, Cluster.Apps, Cluster.HelmApp("busy", registry.Web, "1.0.0"));
        api.Put(Cluster.Argo, Cluster.Apps, Cluster.HelmApp("calm", registry.Web, "1.0.0"));
        api.Intercept = (_, request) =>
        {
            if (request.Verb == "update" && request.Name == "busy")
            {
                api.Mutate(Cluster.Argo, Cluster.Apps, "argocd", "busy", _ => { });
            }

            return Task.FromResult(false);
        };
        await using var services = Cluster.Services(api.WriteKubeconfig(folder), registry.RegistriesConf, more: b => b.AddArgoCdWriteBack(o => o.MaxAttempts = 3));

        var result = await Cluster.RunCycleAsync(services);

        var busy = result.Applications.Single(a => a.Name == "busy");
        Assert.Equal(ApplicationOutcome.Failed, busy.Outcome);
        Assert.Contains("3 time(s) in a row", string.Join(" ", busy.Errors.Select(e => e.Message)) + busy.WriteBack, StringComparison.Ordinal);
        Assert.Equal(3, api.Requests.Count(r => r.Verb == "update" && r.Name == "busy"));
        Assert.Equal(ApplicationOutcome.Updated, result.Applications.Single(a => a.Name == "calm").Outcome);
    }

    [Fact]
    public async Task The_api_server_failing_for_one_application_leaves_the_others_updated()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var folder = new TemporaryFolder("kube-");
        foreach (var name in new[] { "one", "broken", "three" })
        {
            api.Put(Cluster.Argo, Cluster.Apps, Cluster.HelmApp(name, registry.Web, "1.0.0"));
        }

        api.Intercept = async (context, request) =>
        {
            if (request.Resource == Cluster.Apps && request.Name == "broken" && request.Verb is "get" or "update")
            {
                context.Response.StatusCode = 500;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"etcdserver: request timed out","reason":"InternalError","code":500}""");
                return true;
            }

            return false;
        };
        await using var services = Cluster.Services(api.WriteKubeconfig(folder), registry.RegistriesConf);

        var result = await Cluster.RunCycleAsync(services);

        var broken = result.Applications.Single(a => a.Name == "broken");
        Assert.Equal(ApplicationOutcome.Failed, broken.Outcome);
        var message = string.Join(" ", broken.Errors.Select(e => e.Message));
        Assert.Contains("argocd/broken", message, StringComparison.Ordinal);
        Assert.Contains("etcdserver: request timed out", message, StringComparison.Ordinal);
        foreach (var name in new[] { "one", "three" })
        {
            Assert.Equal(ApplicationOutcome.Updated, result.Applications.Single(a => a.Name == name).Outcome);
            Assert.Equal("1.2.0", Cluster.HelmParameter(api.Get(Cluster.Argo, Cluster.Apps, "argocd", name)!, "image.tag"));
        }
    }
}
