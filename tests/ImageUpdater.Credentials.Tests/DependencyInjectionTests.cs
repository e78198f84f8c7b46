using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Credentials.Tests;

public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task Registers_a_resolver_reading_the_secrets_folder()
    {
        using var folder = new TempDirectory();
        folder.Write("s.yaml", "kind: Secret\nmetadata:\n  name: regcred\n  namespace: argocd\nstringData:\n  creds: user:pass\n");
        var services = new ServiceCollection();
        services.AddImageUpdater().AddRegistryCredentials(o => o.SecretsDirectory = folder.Path).AddRegistryCredentials();
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        var resolver = provider.GetRequiredService<IRegistryCredentialResolver>();
        var credential = await resolver.ResolveAsync(new RegistryCredentialRequest { Spec = "secret:argocd/regcred#creds", RegistryApiUrl = "https://ghcr.io" });

        Assert.Equal("user", credential.Username);
        Assert.Same(resolver, provider.GetRequiredService<RegistryCredentialResolver>());
        Assert.IsType<SecretFileReader>(provider.GetRequiredService<ISecretReader>());
        Assert.Single(services, d => d.ServiceType == typeof(IRegistryCredentialResolver));
    }

    [Fact]
    public async Task A_registered_secret_reader_is_kept()
    {
        var reader = new InMemorySecretReader().Set("ns", "s", new Dictionary<string, string> { ["f"] = "a:b" });
        var services = new ServiceCollection();
        services.AddSingleton<ISecretReader>(reader);
        services.AddImageUpdater().AddRegistryCredentials();
        await using var provider = services.BuildServiceProvider();

        var credential = await provider.GetRequiredService<IRegistryCredentialResolver>()
            .ResolveAsync(new RegistryCredentialRequest { Spec = "secret:ns/s#f", RegistryApiUrl = "https://ghcr.io" });

        Assert.Equal("b", credential.Password);
    }

    [Fact]
    public async Task Without_a_secret_store_secret_specs_are_unavailable()
    {
        var services = new ServiceCollection();
        services.AddImageUpdater().AddRegistryCredentials();
        await using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<CredentialUnavailableException>(() => provider.GetRequiredService<IRegistryCredentialResolver>()
            .ResolveAsync(new RegistryCredentialRequest { Spec = "pullsecret:ns/s", RegistryApiUrl = "https://ghcr.io" }).AsTask());

        Assert.Contains("no secret reader is configured", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_fail_validation()
    {
        var services = new ServiceCollection();
        services.AddImageUpdater().AddRegistryCredentials(o =>
        {
            o.ExternalScriptTimeout = TimeSpan.Zero;
            o.ExternalScriptMaxOutputBytes = 0;
            o.AllowedScriptDirectories.Add("relative/dir");
            o.FallbackSpecs.Add("bogus");
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RegistryCredentialOptions>>().Value);

        Assert.Equal(4, error.Failures.Count());
        Assert.Contains("RegistryCredentialOptions.FallbackSpecs: invalid credential spec: bogus", error.Failures);
    }
}
