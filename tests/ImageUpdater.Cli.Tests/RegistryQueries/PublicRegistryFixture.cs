using ImageUpdater.Testing;

namespace ImageUpdater.Cli.Tests.RegistryQueries;

/// <summary>
/// One anonymous docker-registry shared by a test class, with a registries.conf that serves its
/// <c>127.0.0.1:PORT/...</c> images over plain HTTP.
/// </summary>
public sealed class PublicRegistryFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Jan = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Feb = new(2024, 2, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Mar = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Apr = new(2024, 4, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TemporaryFolder _folder = new("cli-registry-");

    public DistributionRegistry Registry { get; private set; } = null!;

    /// <summary>A registries.conf with one entry for the registry, by its host and port.</summary>
    public string RegistriesConf { get; private set; } = string.Empty;

    /// <summary>The digest the <c>latest</c> tag of acme/web points at.</summary>
    public string WebLatestDigest { get; private set; } = string.Empty;

    /// <summary>The digest of acme/builds:main-bbb, the build with the newest <c>created</c> time.</summary>
    public string NewestBuildDigest { get; private set; } = string.Empty;

    /// <summary>The digest of the index acme/multi:1.0 (linux/amd64 from January, linux/arm64 from March).</summary>
    public string MultiIndexDigest { get; private set; } = string.Empty;

    /// <summary>The digest of acme/multi:1.1, a linux/amd64-only image from April.</summary>
    public string MultiAmd64Digest { get; private set; } = string.Empty;

    public string Image(string repository) => Registry.Authority + "/" + repository;

    public string WriteFile(string name, string content) => _folder.WriteFile(name, content);

    public async ValueTask InitializeAsync()
    {
        Registry = await DistributionRegistry.StartAsync();
        RegistriesConf = _folder.WriteFile("registries.conf", Registry.RegistriesConf());

        // Semver and digest: creation times run against version order so a semver pick cannot be a newest-build one.
        await Registry.PushImageAsync("acme/web", ["1.0.0"], Mar);
        await Registry.PushImageAsync("acme/web", ["1.1.0"], Feb);
        await Registry.PushImageAsync("acme/web", ["1.2.0"], Jan);
        await Registry.PushImageAsync("acme/web", ["2.0.0-rc.1"], Apr);
        WebLatestDigest = (await Registry.PushImageAsync("acme/web", ["latest"], Apr.AddDays(1))).Digest;

        // Newest build: names sort differently from creation times.
        await Registry.PushImageAsync("acme/builds", ["main-aaa"], Jan);
        NewestBuildDigest = (await Registry.PushImageAsync("acme/builds", ["main-bbb"], Mar)).Digest;
        await Registry.PushImageAsync("acme/builds", ["main-ccc"], Feb);
        await Registry.PushImageAsync("acme/builds", ["feature-zzz"], Apr);

        MultiIndexDigest = (await Registry.PushIndexAsync("acme/multi", ["1.0"],
        [
            (new Platform("linux", "amd64"), Jan, null),
            (new Platform("linux", "arm64"), Mar, null),
        ])).Digest;
        MultiAmd64Digest = (await Registry.PushImageAsync("acme/multi", ["1.1"], Apr, new Platform("linux", "amd64"))).Digest;
    }

    public async ValueTask DisposeAsync()
    {
        await Registry.DisposeAsync();
        _folder.Dispose();
    }
}
