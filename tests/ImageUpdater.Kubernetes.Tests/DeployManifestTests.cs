using System.Text.Json.Nodes;
using ImageUpdater.Engine;
using ImageUpdater.Kubernetes.Tests.Fakes;
using ImageUpdater.Testing;
using YamlDotNet.RepresentationModel;

namespace ImageUpdater.Kubernetes.Tests;

/// <summary>
/// deploy/: every manifest parses, the Role grants exactly what the code calls (checked against the requests the code
/// really makes), and kubectl accepts the kustomizations.
/// </summary>
public sealed class DeployManifestTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private const int MaxManifestBytes = 256 * 1024;

    private static string DeployDirectory => Path.Combine(AppContext.BaseDirectory, "deploy");

    [Fact]
    public void Every_manifest_parses_and_names_its_kind_and_object()
    {
        var files = Directory.GetFiles(DeployDirectory, "*.yaml", SearchOption.AllDirectories);
        Assert.True(files.Length >= 8, string.Join(", ", files));
        foreach (var file in files)
        {
            foreach (var document in Load(file))
            {
                Assert.False(string.IsNullOrEmpty(Text(document, "apiVersion")), file);
                Assert.False(string.IsNullOrEmpty(Text(document, "kind")), file);
                if (Text(document, "kind") != "Kustomization")
                {
                    Assert.False(string.IsNullOrEmpty(Text(document, "metadata", "name")), file);
                }
            }
        }

        var deployment = Single("deployment.yaml");
        var pod = (YamlMappingNode)Node(deployment, "spec", "template", "spec")!;
        Assert.Equal("argocd-image-updater", Text(pod, "serviceAccountName"));
        Assert.Equal("true", Text(pod, "securityContext", "runAsNonRoot"));
        Assert.Equal("argocd-image-updater", Text(Single("serviceaccount.yaml"), "metadata", "name"));
        var binding = Single("rolebinding.yaml");
        Assert.Equal("Role", Text(binding, "roleRef", "kind"));
        Assert.Equal("argocd-image-updater", Text(binding, "roleRef", "name"));
        Assert.Equal("imageupdaters.argocd-image-updater.argoproj.io", Text(Single("crd-imageupdaters.yaml"), "metadata", "name"));

        var dockerfile = File.ReadAllLines(Path.Combine(DeployDirectory, "Dockerfile"));
        Assert.Contains(dockerfile, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/runtime:10.0", StringComparison.Ordinal));
        Assert.Contains(dockerfile, l => l.Trim() == "USER $APP_UID");
    }

    [Fact]
    public async Task The_role_allows_every_call_the_code_makes_and_grants_no_other_resource()
    {
        // One cycle with a write-back and an Event, a Secret read and a leader election, against the in-test server.
        await using (var api = await FakeKubernetesApi.StartAsync())
        {
            using var folder = new TemporaryFolder("kube-");
            api.Put(Cluster.Argo, Cluster.Apps, Cluster.HelmApp("web", registry.Web, "1.0.0"));
            await using var services = Cluster.Services(api.WriteKubeconfig(folder), registry.RegistriesConf, more: b => b.AddKubernetesLeaderElection(o =>
            {
                o.RetryPeriod = TimeSpan.FromMilliseconds(100);
                o.RenewDeadline = TimeSpan.FromMilliseconds(500);
                o.LeaseDuration = TimeSpan.FromSeconds(1);
            }));
            var ct = TestContext.Current.CancellationToken;
            await services.GetRequiredService<IUpdateLeadership>().AcquireAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
            var result = await Cluster.RunCycleAsync(services);
            Assert.Equal(ApplicationOutcome.Updated, Assert.Single(result.Applications).Outcome);
            await services.GetRequiredService<ImageUpdater.Credentials.ISecretReader>().ReadSecretAsync("argocd", "any", ct);
            await Task.Delay(300, ct); // a lease renewal
        }

        var role = Rules(Single("role.yaml"));
        var clusterRole = Rules(Load(Path.Combine(DeployDirectory, "cluster-wide", "clusterrole.yaml")).Single());
        var declared = KubernetesApi.Calls.ToHashSet();

        // Every request any test of this run made (this one's at least) is declared and allowed.
        foreach (var (verb, group, resource) in FakeKubernetesApi.AllRequests.Distinct())
        {
            Assert.True(declared.Contains((group, resource, verb)), $"{verb} {resource}.{group} is called but not in KubernetesApi.Calls");
        }

        foreach (var (group, resource, verb) in declared)
        {
            Assert.True(Allows(role, group, resource, verb), $"deploy/role.yaml does not allow {verb} {resource}.{group}");
            if (resource != "leases")
            {
                Assert.True(Allows(clusterRole, group, resource, verb), $"deploy/cluster-wide/clusterrole.yaml does not allow {verb} {resource}.{group}");
            }
        }

        Assert.Equal(declared.Select(c => (c.Group, c.Resource)).ToHashSet(), role.SelectMany(r => r.Groups.SelectMany(g => r.Resources.Select(x => (g, x)))).ToHashSet());
        Assert.DoesNotContain(role.Concat(clusterRole), r => r.Verbs.Contains("*") || r.Resources.Contains("*") || r.Verbs.Contains("delete"));
    }

    [Fact]
    public async Task Kubectl_accepts_both_kustomizations_in_a_client_dry_run()
    {
        var kubectl = Kubectl.Path();
        await using var api = await FakeKubernetesApi.StartAsync();
        using var folder = new TemporaryFolder("kube-");
        var kubeconfig = api.WriteKubeconfig(folder);

        // kubectl apply -f cannot read a kustomization.yaml; -k renders it and applies what it renders.
        var (code, output, error) = await Kubectl.RunAsync(kubectl, folder.Path, "--kubeconfig", kubeconfig, "apply", "--dry-run=client", "--validate=false", "-k", DeployDirectory);
        Assert.True(code == 0, error + output);
        foreach (var expected in new[] { "customresourcedefinition.apiextensions.k8s.io/imageupdaters.argocd-image-updater.argoproj.io", "serviceaccount/argocd-image-updater", "role.rbac.authorization.k8s.io/argocd-image-updater", "rolebinding.rbac.authorization.k8s.io/argocd-image-updater", "deployment.apps/argocd-image-updater" })
        {
            Assert.Contains(expected + " created (dry run)", output, StringComparison.Ordinal);
        }

        var (clusterCode, clusterOutput, clusterError) = await Kubectl.RunAsync(kubectl, folder.Path, "--kubeconfig", kubeconfig, "apply", "--dry-run=client", "--validate=false", "-k", Path.Combine(DeployDirectory, "cluster-wide"));
        Assert.True(clusterCode == 0, clusterError + clusterOutput);
        Assert.Contains("clusterrole.rbac.authorization.k8s.io/argocd-image-updater created (dry run)", clusterOutput, StringComparison.Ordinal);
    }

    private static YamlMappingNode Single(string file) => Load(Path.Combine(DeployDirectory, file)).Single();

    private static List<YamlMappingNode> Load(string file)
    {
        var info = new FileInfo(file);
        Assert.True(info.Length <= MaxManifestBytes, $"{file} is larger than {MaxManifestBytes} bytes");
        using var reader = new StreamReader(file);
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents.Select(d => Assert.IsType<YamlMappingNode>(d.RootNode)).ToList();
    }

    private static YamlNode? Node(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            node = next;
        }

        return node;
    }

    private static string? Text(YamlNode node, params string[] path) => (Node(node, path) as YamlScalarNode)?.Value;

    private static List<(string[] Groups, string[] Resources, string[] Verbs)> Rules(YamlMappingNode role) =>
        ((YamlSequenceNode)Node(role, "rules")!).Children.Select(rule => (
            Strings(Node(rule, "apiGroups")),
            Strings(Node(rule, "resources")),
            Strings(Node(rule, "verbs")))).ToList();

    private static string[] Strings(YamlNode? node) => ((YamlSequenceNode)node!).Children.Select(c => ((YamlScalarNode)c).Value ?? string.Empty).ToArray();

    private static bool Allows(List<(string[] Groups, string[] Resources, string[] Verbs)> rules, string group, string resource, string verb) =>
        rules.Any(r => r.Groups.Contains(group) && r.Resources.Contains(resource) && r.Verbs.Contains(verb));
}
