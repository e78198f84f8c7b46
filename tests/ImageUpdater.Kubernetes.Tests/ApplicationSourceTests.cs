using ImageUpdater.Engine;
using ImageUpdater.Kubernetes.Tests.Fakes;
using ImageUpdater.Testing;

namespace ImageUpdater.Kubernetes.Tests;

/// <summary>The cluster source: namespaces, label selectors sent to the server, pages, and a failing list.</summary>
public sealed class ApplicationSourceTests
{
    private static readonly Dictionary<string, string> Team = new() { ["team"] = "web" };

    [Fact]
    public async Task Reads_the_watched_namespaces_with_the_label_selector_applied_by_the_server_page_by_page()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var folder = new TemporaryFolder("kube-");
        api.Put(Cluster.Argo, Cluster.Apps, Cluster.HelmApp("a1", "example.test/web", "1.0.0", "argocd", Team));
        api.Put(Cluster.Argo, Cluster.Apps, Cluster.HelmApp("a2", "example.test/web", "1.0.0", "argocd", Team));
        api.Put(Cluster.Argo, Cluster.Apps, Cluster.HelmApp("unlabelled", "example.test/web", "1.0.0", "argocd"));
        api.Put(Cluster.Argo, Cluster.Apps, Cluster.HelmApp("b1", "example.test/web", "1.0.0", "team-b", Team));
        api.Put(Cluster.Argo, Cluster.Apps, Cluster.HelmApp("c1", "example.test/web", "1.0.0", "team-c", Team));
        var selectors = new List<string>();
        api.Intercept = (_, request) =>
        {
            lock (selectors)
            {
                selectors.Add(request.Resource + "?" + request.LabelSelector + "&limit=" + request.Limit);
            }

            return Task.FromResult(false);
        };
        await using var services = Cluster.Services(api.WriteKubeconfig(folder), "unused", source: o =>
        {
            o.WatchNamespaces.Add("argocd");
            o.WatchNamespaces.Add("team-b");
            o.ApplicationLabelSelector = "team in (web,api)";
            o.PageSize = 1;
        });

        var snapshot = await services.GetRequiredService<IApplicationSource>().ReadAsync(TestContext.Current.CancellationToken);

        Assert.Empty(snapshot.Errors);
        Assert.Equal(["cluster Application argocd/a1", "cluster Application argocd/a2", "cluster Application team-b/b1"], snapshot.Documents.Select(d => d.Origin));
        Assert.All(snapshot.Documents, d => Assert.False(string.IsNullOrEmpty(d.Version)));
        Assert.Contains("applications?team in (web,api)&limit=1", selectors);

        // Two pages for argocd (a1, a2), one for team-b; the unlabelled application never left the server.
        Assert.Equal(3, api.Requests.Count(r => r.Verb == "list" && r.Resource == Cluster.Apps));
        Assert.Equal(["argocd", "team-b"], api.Requests.Where(r => r.Resource == "imageupdaters").Select(r => r.Namespace));

        // The shared mapper reads the documents into applications.
        var policies = await services.GetRequiredService<IUpdatePolicyProvider>().GetPoliciesAsync(snapshot, TestContext.Current.CancellationToken);
        Assert.Equal(["a1", "a2", "b1"], policies.Applications.Select(a => a.Application.Name).Order());
    }

    [Fact]
    public async Task All_namespaces_is_one_cluster_wide_list_per_resource_and_the_argocd_namespace_is_the_default()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var folder = new TemporaryFolder("kube-");
        api.Put(Cluster.Argo, Cluster.Apps, Cluster.HelmApp("a1", "example.test/web", "1.0.0", "argocd"));
        api.Put(Cluster.Argo, Cluster.Apps, Cluster.HelmApp("b1", "example.test/web", "1.0.0", "team-b"));
        var kubeconfig = api.WriteKubeconfig(folder, ns: "argocd");

        await using (var all = Cluster.Services(kubeconfig, "unused", source: o => o.WatchNamespaces.Add("*")))
        {
            var snapshot = await all.GetRequiredService<IApplicationSource>().ReadAsync(TestContext.Current.CancellationToken);
            Assert.Equal(2, snapshot.Documents.Count);
            Assert.Equal([string.Empty, string.Empty], api.Requests.Where(r => r.Verb == "list").Select(r => r.Namespace));
        }

        await using var defaults = Cluster.Services(kubeconfig, "unused");
        var own = await defaults.GetRequiredService<IApplicationSource>().ReadAsync(TestContext.Current.CancellationToken);
        Assert.Equal("cluster Application argocd/a1", Assert.Single(own.Documents).Origin);
    }

    [Fact]
    public async Task A_list_the_server_refuses_is_an_error_naming_resource_and_namespace_and_the_rest_is_read()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var folder = new TemporaryFolder("kube-");
        api.Put(Cluster.Argo, Cluster.Apps, Cluster.HelmApp("a1", "example.test/web", "1.0.0", "argocd"));
        api.Put(Cluster.Argo, Cluster.Apps, Cluster.HelmApp("b1", "example.test/web", "1.0.0", "team-b"));
        api.Intercept = async (context, request) =>
        {
            if (request.Namespace == "team-b" && request.Resource == Cluster.Apps)
            {
                context.Response.StatusCode = 403;
                await context.Response.WriteAsync("""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"applications.argoproj.io is forbidden: User \"system:serviceaccount:argocd:argocd-image-updater\" cannot list resource \"applications\" in API group \"argoproj.io\" in the namespace \"team-b\"","reason":"Forbidden","code":403}""");
                return true;
            }

            return false;
        };
        await using var services = Cluster.Services(api.WriteKubeconfig(folder), "unused", source: o =>
        {
            o.WatchNamespaces.Add("argocd");
            o.WatchNamespaces.Add("team-b");
        });

        var snapshot = await services.GetRequiredService<IApplicationSource>().ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal("cluster Application argocd/a1", Assert.Single(snapshot.Documents).Origin);
        var error = Assert.Single(snapshot.Errors);
        Assert.Contains("Cannot list applications.argoproj.io in namespace team-b: 403 Forbidden", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot list resource", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_larger_than_the_limit_fails_only_its_list()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var folder = new TemporaryFolder("kube-");
        api.Put(Cluster.Argo, Cluster.Apps, Cluster.HelmApp("a1", "example.test/web", "1.0.0", "argocd"));
        api.Intercept = async (context, request) =>
        {
            if (request.Namespace == "team-b" && request.Resource == Cluster.Apps)
            {
                // A list that does not end where a list should: 1 MiB of padding inside valid JSON.
                await context.Response.WriteAsync("{\"kind\":\"ApplicationList\",\"items\":[]" + new string(' ', 1024 * 1024) + "}");
                return true;
            }

            return false;
        };
        await using var services = Cluster.Services(
            api.WriteKubeconfig(folder),
            "unused",
            source: o =>
            {
                o.WatchNamespaces.Add("argocd");
                o.WatchNamespaces.Add("team-b");
            },
            more: b => b.Services.Configure<KubernetesConnectionOptions>(o => o.MaxResponseBytes = 64 * 1024));

        var snapshot = await services.GetRequiredService<IApplicationSource>().ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal("cluster Application argocd/a1", Assert.Single(snapshot.Documents).Origin);
        var error = Assert.Single(snapshot.Errors);
        Assert.Contains("Cannot list applications.argoproj.io in namespace team-b", error.Message, StringComparison.Ordinal);
        Assert.Contains("is larger than 65536 bytes", error.Message, StringComparison.Ordinal);
    }
}
