using System.Text;
using ImageUpdater.Credentials;
using ImageUpdater.Engine;
using ImageUpdater.Policies;
using ImageUpdater.Registry.Tests.RealRegistry;
using ImageUpdater.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageUpdater.Registry.Tests.Resolution;

/// <summary>An anonymous and a Basic-auth docker-registry with the images the resolver tests read.</summary>
public sealed class ResolverFixture : IAsyncLifetime
{
    public DistributionRegistry Registry { get; private set; } = null!;

    public DistributionRegistry Private { get; private set; } = null!;

    public string LatestDigest { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        Registry = await DistributionRegistry.StartAsync(RegistryAuth.Anonymous);
        await Registry.PushImageAsync("acme/app", ["1.0.0", "1.1.0", "v1.2.0", "1.3.0-rc.1", "2.0.0", "main", "build-x"], AnonymousRegistryFixture.Jan);
        await Registry.PushImageAsync("acme/built", ["old"], AnonymousRegistryFixture.Jan);
        await Registry.PushImageAsync("acme/built", ["new"], AnonymousRegistryFixture.Mar);
        await Registry.PushImageAsync("acme/built", ["newest-arm"], AnonymousRegistryFixture.Mar.AddDays(1), new Platform("linux", "arm64"));
        await Registry.PushImageAsync("acme/built", ["middle"], AnonymousRegistryFixture.Feb);
        LatestDigest = (await Registry.PushImageAsync("acme/pinned", ["latest"], AnonymousRegistryFixture.Feb)).Digest;
        await Registry.PushImageAsync("acme/pinned", ["stable", "1.0"], AnonymousRegistryFixture.Jan);

        Private = await DistributionRegistry.StartAsync(RegistryAuth.Basic);
        await Private.PushImageAsync("team/api", ["2.0", "2.1"], AnonymousRegistryFixture.Feb);
    }

    public async ValueTask DisposeAsync()
    {
        await Registry.DisposeAsync();
        await Private.DisposeAsync();
    }

    /// <summary>The registry client, strategies and credentials as an application composes them.</summary>
    public static ServiceProvider Services(string? registriesConf = null, ISecretReader? secrets = null)
    {
        var services = new ServiceCollection();
        if (secrets is not null)
        {
            services.AddSingleton(secrets);
        }

        services.AddImageUpdater()
            .AddTagStrategies()
            .AddRegistryCredentials()
            .AddRegistryClient(
                o =>
                {
                    o.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
                    o.MaxRetries = 1;
                },
                r => r.ConfigurationText = registriesConf);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static ImageResolutionRequest Request(string image, ImageUpdateSettings settings, string applicationNamespace = "") => new()
    {
        Image = new ImageUpdatePolicy(ImageReference.Parse(image), settings, ImageManifestTarget.Default),
        ApplicationNamespace = applicationNamespace,
    };

    public static async Task<ImageResolution> ResolveAsync(ServiceProvider services, ImageResolutionRequest request)
    {
        using var pass = services.GetRequiredService<IImageResolver>().BeginPass();
        return await pass.ResolveAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>A Kubernetes image pull secret's <c>.dockerconfigjson</c> for one registry.</summary>
    public static Dictionary<string, string> PullSecret(string registry, string user, string password)
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
        return new Dictionary<string, string> { [".dockerconfigjson"] = "{\"auths\":{\"" + registry + "\":{\"auth\":\"" + auth + "\"}}}" };
    }
}
