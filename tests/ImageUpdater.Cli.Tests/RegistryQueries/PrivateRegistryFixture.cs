using ImageUpdater.Testing;

namespace ImageUpdater.Cli.Tests.RegistryQueries;

/// <summary>One docker-registry behind htpasswd Basic auth, shared by a test class.</summary>
public sealed class PrivateRegistryFixture : IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new("cli-private-registry-");

    public DistributionRegistry Registry { get; private set; } = null!;

    public string Image => Registry.Authority + "/team/private";

    /// <summary>A registries.conf entry for the registry without credentials.</summary>
    public string RegistriesConf { get; private set; } = string.Empty;

    public string WriteFile(string name, string content) => _folder.WriteFile(name, content);

    public async ValueTask InitializeAsync()
    {
        Registry = await DistributionRegistry.StartAsync(RegistryAuth.Basic);
        RegistriesConf = _folder.WriteFile("registries.conf", Registry.RegistriesConf());
        var created = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
        await Registry.PushImageAsync("team/private", ["3.0.0"], created);
        await Registry.PushImageAsync("team/private", ["3.1.0"], created.AddDays(1));
    }

    public async ValueTask DisposeAsync()
    {
        await Registry.DisposeAsync();
        _folder.Dispose();
    }
}
