using System.Text;
using ImageUpdater.Testing;

namespace ImageUpdater.Cli.Tests.RegistryQueries;

/// <summary>
/// Runs <c>test</c> against a Basic-auth registry with a right and a wrong password, from an environment variable and
/// a Docker config file, and searches everything the command printed for each password in every form it takes
/// (plain, or inside the base64 of <c>user:password</c> that Basic headers and Docker configs hold).
/// </summary>
public sealed class SecretLeakTests(PrivateRegistryFixture fixture) : IClassFixture<PrivateRegistryFixture>
{
    private const string WrongPassword = "Wr0ng-S3cret-searched-for-in-output";

    [Fact]
    public async Task No_password_form_appears_in_what_the_command_prints()
    {
        using var right = new ScopedEnvironmentVariable("IMAGEUPDATER_CLI_LEAK", DistributionRegistry.User + ":" + DistributionRegistry.Password);
        using var wrong = new ScopedEnvironmentVariable("IMAGEUPDATER_CLI_LEAK", DistributionRegistry.User + ":" + WrongPassword);
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes(DistributionRegistry.User + ":" + WrongPassword));
        var dockerConfig = fixture.WriteFile(
            $"leak-config-{Guid.NewGuid():N}.json", "{\"auths\":{\"" + fixture.Registry.Authority + "\":{\"auth\":\"" + auth + "\"}}}");
        string[][] runs =
        [
            ["--credentials", "env:" + right.Name],
            ["--credentials", "env:" + right.Name, "-o", "json"],
            ["--credentials", "env:" + wrong.Name],
            ["--credentials", "env:" + wrong.Name, "-o", "json"],
            ["--credentials", "dockerconfig:" + dockerConfig],
        ];

        var results = new List<(int ExitCode, string Output, string Error)>();
        foreach (var extra in runs)
        {
            results.Add(await CommandLineRunner.RunAsync(["test", fixture.Image, "--registries-conf", fixture.RegistriesConf, .. extra]));
        }

        Assert.Equal([0, 0, 1, 1, 1], results.Select(r => r.ExitCode));
        Assert.All(results, r =>
        {
            Assert.Null(SecretForms.FindIn(r.Output + r.Error, DistributionRegistry.Password));
            Assert.Null(SecretForms.FindIn(r.Output + r.Error, WrongPassword));
        });
    }
}
