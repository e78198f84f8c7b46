using System.Text.Json.Nodes;
using ImageUpdater.Engine;
using ImageUpdater.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageUpdater.Kubernetes.Tests.Fakes;

/// <summary>One real docker-registry (acme/web 1.0.0, 1.1.0, 1.2.0) shared by a test class.</summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new("kube-registry-");

    public DistributionRegistry Registry { get; private set; } = null!;

    public string RegistriesConf { get; private set; } = string.Empty;

    public string Web => Registry.Authority + "/acme/web";

    public async ValueTask InitializeAsync()
    {
        Registry = await DistributionRegistry.StartAsync();
        RegistriesConf = _folder.WriteFile("registries.conf", Registry.RegistriesConf());
        var day = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await Registry.PushImageAsync("acme/web", ["1.0.0"], day);
        await Registry.PushImageAsync("acme/web", ["1.1.0"], day.AddDays(1));
        await Registry.PushImageAsync("acme/web", ["1.2.0"], day.AddDays(2));
    }

    public async ValueTask DisposeAsync()
    {
        await Registry.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>Objects and service compositions the tests share.</summary>
internal static class Cluster
{
    public const string Argo = "argoproj.io";
    public const string Apps = "applications";

    /// <summary>A Helm Application tracking <paramref name="image"/> with the <c>~1</c> constraint, running <paramref name="tag"/>.</summary>
    public static JsonObject HelmApp(string name, string image, string tag, string ns = "argocd", IDictionary<string, string>? labels = null)
    {
        var labelNode = new JsonObject();
        foreach (var (k, v) in labels ?? new Dictionary<string, string>())
        {
            labelNode[k] = v;
        }

        return new JsonObject
        {
            ["apiVersion"] = "argoproj.io/v1alpha1",
            ["kind"] = "Application",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["labels"] = labelNode,
                ["annotations"] = new JsonObject { ["argocd-image-updater.argoproj.io/image-list"] = $"web={image}:~1" },
            },
            ["spec"] = new JsonObject
            {
                ["project"] = "default",
                ["source"] = new JsonObject
                {
                    ["repoURL"] = "https://example.test/charts.git",
                    ["path"] = "charts/" + name,
                    ["targetRevision"] = "HEAD",
                    ["helm"] = new JsonObject
                    {
                        ["releaseName"] = name,
                        ["parameters"] = new JsonArray(
                            new JsonObject { ["name"] = "image.name", ["value"] = image, ["forceString"] = true },
                            new JsonObject { ["name"] = "image.tag", ["value"] = tag, ["forceString"] = true }),
                    },
                },
                ["destination"] = new JsonObject { ["server"] = "https://kubernetes.default.svc", ["namespace"] = name },
            },
            ["status"] = new JsonObject
            {
                ["sourceType"] = "Helm",
                ["summary"] = new JsonObject { ["images"] = new JsonArray(image + ":" + tag) },
            },
        };
    }

    public static string? HelmParameter(JsonObject app, string name) =>
        app["spec"]!["source"]!["helm"]!["parameters"]!.AsArray().Where(p => (string?)p!["name"] == name).Select(p => (string?)p!["value"]).SingleOrDefault();

    public static ServiceProvider Services(
        string kubeconfig,
        string registriesConf,
        Action<KubernetesApplicationSourceOptions>? source = null,
        Action<IImageUpdaterBuilder>? more = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddImageUpdater()
            .AddTagStrategies()
            .AddRegistryClient(configureRegistries: r => r.ConfigurationPath = registriesConf)
            .AddRegistryCredentials()
            .AddAnnotationPolicies()
            .AddKubernetes(o => o.KubeconfigPath = kubeconfig)
            .AddKubernetesApplications(source ?? (static _ => { }))
            .AddArgoCdWriteBack()
            .AddKubernetesApplicationStore();
        more?.Invoke(builder);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public static Task<CycleResult> RunCycleAsync(IServiceProvider services) =>
        services.GetRequiredService<UpdateEngine>().RunCycleAsync(CycleOptions.Default, TestContext.Current.CancellationToken);
}
