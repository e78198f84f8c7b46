using ImageUpdater.Testing;

namespace ImageUpdater.Registry.Tests.RealRegistry;

/// <summary>One anonymous docker-registry with a few images, shared by the tests of a class.</summary>
public sealed class AnonymousRegistryFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Jan = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Feb = new(2024, 2, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Mar = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public DistributionRegistry Registry { get; private set; } = null!;

    public string WebV10Digest { get; private set; } = string.Empty;

    public string WebV12Digest { get; private set; } = string.Empty;

    public string MultiDigest { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        Registry = await DistributionRegistry.StartAsync(RegistryAuth.Anonymous);
        WebV10Digest = (await Registry.PushImageAsync("acme/web", ["1.0"], Jan, labels: new Dictionary<string, string> { ["org.opencontainers.image.revision"] = "aaa" })).Digest;
        await Registry.PushImageAsync("acme/web", ["1.1"], Mar, labels: new Dictionary<string, string> { ["org.opencontainers.image.revision"] = "ccc" });
        WebV12Digest = (await Registry.PushImageAsync("acme/web", ["1.2"], Feb, oci: false)).Digest;
        await Registry.PushImageAsync("acme/web", ["arm-only"], Mar, new Platform("linux", "arm", "v7"));
        MultiDigest = (await Registry.PushIndexAsync("acme/multi", ["v1"],
        [
            (new Platform("linux", "amd64"), Jan, new Dictionary<string, string> { ["arch"] = "amd64" }),
            (new Platform("linux", "arm64"), Mar, new Dictionary<string, string> { ["arch"] = "arm64" }),
        ])).Digest;
        await Registry.PushIndexAsync("acme/multi", ["v2"], [(new Platform("linux", "amd64"), Feb, null), (new Platform("linux", "arm", "v7"), Feb, null)], oci: false);
        await Registry.PushImageAsync("library/nginx", ["1.25", "1.26"], Jan);
    }

    public ValueTask DisposeAsync() => Registry.DisposeAsync();
}
