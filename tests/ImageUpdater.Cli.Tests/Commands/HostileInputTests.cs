using ImageUpdater.Cli.Tests.RegistryQueries;
using ImageUpdater.Testing;

namespace ImageUpdater.Cli.Tests.Commands;

// Before the bounded reader, these files overflowed the stack inside the YAML parser and killed the process (exit 134).
public sealed class HostileInputTests(PrivateRegistryFixture fixture) : IClassFixture<PrivateRegistryFixture>, IDisposable
{
    private static readonly string DeepBrackets = HostileYaml.Document("deep flow sequences", "registries").Text;

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_40000_deep_registries_conf_exits_2_with_one_line_naming_the_file()
    {
        var conf = _folder.WriteFile("registries.conf", DeepBrackets);

        var (exitCode, _, error) = await CommandLineRunner.RunAsync("test", "acme/web", "--registries-conf", conf);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(conf + ":1:", line, StringComparison.Ordinal);
        Assert.Contains("Nesting deeper than", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_40000_deep_secret_file_exits_2_with_one_line_naming_the_file()
    {
        var secret = _folder.WriteFile("secrets/deep.yaml", "kind: Secret\nmetadata:\n  name: s\nstringData:\n  k: " + new string('[', HostileYaml.Depth) + "\n");

        // The registry asks for credentials, so the secret is read.
        var (exitCode, _, error) = await CommandLineRunner.RunAsync(
            "test", fixture.Image, "--registries-conf", fixture.RegistriesConf, "--secrets-dir", Path.GetDirectoryName(secret)!, "--credentials", "secret:default/s#k");

        // The secret is read while querying, where the command reports credential failures as registry errors (1).
        Assert.True(exitCode == 1, error);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(secret + ":5:", line, StringComparison.Ordinal);
        Assert.Contains("Nesting deeper than", line, StringComparison.Ordinal);
    }
}
