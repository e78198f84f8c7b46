using System.Text.Json.Nodes;
using ImageUpdater.Credentials;
using ImageUpdater.Engine;
using ImageUpdater.Kubernetes.Tests.Fakes;
using ImageUpdater.Testing;

namespace ImageUpdater.Kubernetes.Tests;

/// <summary>Secrets read through the API: once per cycle, only from the watched namespaces.</summary>
public sealed class SecretReaderTests
{
    private static JsonObject Secret(string ns, string name, string key, string value) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["data"] = new JsonObject { [key] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value)) },
    };

    [Fact]
    public async Task Reads_a_secret_once_per_cycle_and_a_missing_one_is_null()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var folder = new TemporaryFolder("kube-");
        api.Put(string.Empty, "secrets", Secret("argocd", "creds", "token", "user:pass"));
        await using var services = Cluster.Services(api.WriteKubeconfig(folder), "unused");
        var reader = services.GetRequiredService<ISecretReader>();
        var source = services.GetRequiredService<IApplicationSource>();
        var ct = TestContext.Current.CancellationToken;

        await source.ReadAsync(ct);
        var first = await reader.ReadSecretAsync("argocd", "creds", ct);
        var second = await reader.ReadSecretAsync("argocd", "creds", ct);
        Assert.Equal("user:pass", System.Text.Encoding.UTF8.GetString(first!["token"]));
        Assert.Same(first, second);
        Assert.Equal(1, api.Count("get", "secrets"));

        // A new cycle reads it again, so a rotated secret takes effect.
        await source.ReadAsync(ct);
        await reader.ReadSecretAsync("argocd", "creds", ct);
        Assert.Equal(2, api.Count("get", "secrets"));

        Assert.Null(await reader.ReadSecretAsync("argocd", "missing", ct));
    }

    [Fact]
    public async Task A_secret_in_a_namespace_that_is_not_watched_is_refused_without_asking_the_server()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var folder = new TemporaryFolder("kube-");
        api.Put(string.Empty, "secrets", Secret("kube-system", "admin", "token", "very-secret-value"));
        await using var services = Cluster.Services(api.WriteKubeconfig(folder), "unused", source: o => o.WatchNamespaces.Add("team-a"));
        var reader = services.GetRequiredService<ISecretReader>();

        var refused = await Assert.ThrowsAsync<CredentialException>(async () => await reader.ReadSecretAsync("kube-system", "admin", TestContext.Current.CancellationToken));

        Assert.Contains("'kube-system/admin' is outside the namespaces ImageUpdater watches", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-value", refused.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, api.Count("get", "secrets"));
    }

    [Fact]
    public async Task A_pull_secret_of_another_namespace_than_the_applications_is_refused()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var folder = new TemporaryFolder("kube-");
        api.Put(string.Empty, "secrets", Secret("team-b", "pull", ".dockerconfigjson", """{"auths":{"example.test":{"auth":"dTpw"}}}"""));
        await using var services = Cluster.Services(api.WriteKubeconfig(folder), "unused", source: o =>
        {
            o.WatchNamespaces.Add("team-a");
            o.WatchNamespaces.Add("team-b");
        });
        var source = new PullSecretCredentialSource(services.GetRequiredService<ISecretReader>(), "team-b", "pull", allowedNamespace: "team-a");

        var refused = await Assert.ThrowsAsync<CredentialException>(async () => await source.GetCredentialAsync("https://example.test", TestContext.Current.CancellationToken));

        Assert.Contains("must be in its own namespace", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, api.Count("get", "secrets"));
    }
}
