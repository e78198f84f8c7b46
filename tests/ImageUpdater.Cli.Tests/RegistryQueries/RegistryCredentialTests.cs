using System.Text;
using System.Text.Json;
using ImageUpdater.Testing;

namespace ImageUpdater.Cli.Tests.RegistryQueries;

/// <summary><c>--credentials</c> and registries.conf credentials against a registry that requires Basic auth.</summary>
public sealed class RegistryCredentialTests(PrivateRegistryFixture fixture) : IClassFixture<PrivateRegistryFixture>
{
    private const string WrongPassword = "Wr0ng-pa55word-that-must-not-leak";

    [Fact]
    public async Task Credentials_from_an_environment_variable_are_used()
    {
        using var variable = new ScopedEnvironmentVariable("IMAGEUPDATER_CLI_TEST_CREDS", DistributionRegistry.User + ":" + DistributionRegistry.Password);

        var (exitCode, output, error) = await CommandLineRunner.RunAsync(
            "test", fixture.Image, "--registries-conf", fixture.RegistriesConf, "--credentials", "env:" + variable.Name, "-o", "json");

        Assert.True(exitCode == 0, error);
        Assert.Equal("3.1.0", JsonDocument.Parse(output).RootElement.GetProperty("tag").GetString());
        Assert.DoesNotContain(DistributionRegistry.Password, output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_named_in_registries_conf_are_used()
    {
        using var variable = new ScopedEnvironmentVariable("IMAGEUPDATER_CLI_TEST_CREDS", DistributionRegistry.User + ":" + DistributionRegistry.Password);
        var conf = fixture.WriteFile($"with-credentials-{variable.Name}.conf", fixture.Registry.RegistriesConf(credentials: "env:" + variable.Name));

        var (exitCode, output, error) = await CommandLineRunner.RunAsync("test", fixture.Image, "--registries-conf", conf, "--semver-constraint", "~3.0", "-o", "json");

        Assert.True(exitCode == 0, error);
        Assert.Equal("3.0.0", JsonDocument.Parse(output).RootElement.GetProperty("tag").GetString());
    }

    [Fact]
    public async Task A_wrong_password_exits_1_with_registry_and_status_on_one_line_and_no_password()
    {
        using var variable = new ScopedEnvironmentVariable("IMAGEUPDATER_CLI_TEST_CREDS", DistributionRegistry.User + ":" + WrongPassword);

        var (exitCode, output, error) = await CommandLineRunner.RunAsync(
            "test", fixture.Image, "--registries-conf", fixture.RegistriesConf, "--credentials", "env:" + variable.Name);

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(fixture.Registry.Authority, line, StringComparison.Ordinal);
        Assert.Contains("401", line, StringComparison.Ordinal);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(DistributionRegistry.User + ":" + WrongPassword));
        foreach (var secret in new[] { WrongPassword, basic })
        {
            Assert.DoesNotContain(secret, output + error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task No_credentials_exits_1_with_401()
    {
        var (exitCode, output, error) = await CommandLineRunner.RunAsync("test", fixture.Image, "--registries-conf", fixture.RegistriesConf);

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains("401", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unset_credentials_variable_exits_1_naming_the_variable()
    {
        var name = "IMAGEUPDATER_CLI_TEST_UNSET_" + Guid.NewGuid().ToString("N").ToUpperInvariant();

        var (exitCode, output, error) = await CommandLineRunner.RunAsync(
            "test", fixture.Image, "--registries-conf", fixture.RegistriesConf, "--credentials", "env:" + name);

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains(name, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pull_secret_without_a_secrets_folder_names_the_option()
    {
        var (exitCode, output, error) = await CommandLineRunner.RunAsync(
            "test", fixture.Image, "--registries-conf", fixture.RegistriesConf, "--credentials", "pullsecret:default/regcred");

        Assert.NotEqual(0, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains("--secrets-dir", error, StringComparison.Ordinal);
        Assert.DoesNotContain("RegistryCredentialOptions", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bogus:VAR", "unknown credential source: bogus")]
    [InlineData("env", "invalid credential spec: env")]
    [InlineData("secret:no-slash", "invalid secret definition")]
    public async Task A_malformed_credentials_spec_exits_2_before_any_request(string spec, string reason)
    {
        var (exitCode, output, error) = await CommandLineRunner.RunAsync(
            "test", fixture.Image, "--registries-conf", fixture.RegistriesConf, "--credentials", spec);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("--credentials", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
    }
}
