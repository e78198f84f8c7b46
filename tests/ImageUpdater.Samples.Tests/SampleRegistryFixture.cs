using ImageUpdater.Testing;

namespace ImageUpdater.Samples.Tests;

/// <summary>A docker-registry on loopback with acme/web 1.0.0, 1.1.0 and 1.2.0, and its registries.conf.</summary>
public sealed class SampleRegistryFixture : IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new("samples-registry-");

    public DistributionRegistry Registry { get; private set; } = null!;

    public string RegistriesConf { get; private set; } = string.Empty;

    public string Web => Registry.Authority + "/acme/web";

    public async ValueTask InitializeAsync()
    {
        Registry = await DistributionRegistry.StartAsync();
        RegistriesConf = _folder.WriteFile("registries.conf", Registry.RegistriesConf());
        var built = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var tag in new[] { "1.0.0", "1.1.0", "1.2.0", "2.0.0-rc.1" })
        {
            await Registry.PushImageAsync("acme/web", [tag], built);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Registry.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>An Application (argocd write-back) running <paramref name="tag"/> of acme/web under <paramref name="constraint"/>.</summary>
    public string Application(string name, string constraint, string tag) => $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {name}
          namespace: argocd
          annotations:
            argocd-image-updater.argoproj.io/image-list: web={Web}:{constraint}
            argocd-image-updater.argoproj.io/web.helm.image-name: image.name
            argocd-image-updater.argoproj.io/web.helm.image-tag: image.tag
        spec:
          project: default
          source:
            repoURL: https://charts.example.test
            chart: web
            targetRevision: 1.0.0
            helm:
              parameters:
                - name: image.name
                  value: {Web}
                - name: image.tag
                  value: "{tag}"
        """;
}
