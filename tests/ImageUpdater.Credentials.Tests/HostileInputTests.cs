using ImageUpdater.Testing;

namespace ImageUpdater.Credentials.Tests;

// A stack overflow cannot be caught: before the bounded reader, the deep Secret files killed the test process itself.
public sealed class HostileInputTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public static TheoryData<string> Hostile => new(HostileYaml.Names);

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_hostile_secret_file_is_a_configuration_error_naming_the_file(string name)
    {
        var (text, expected) = HostileYaml.Document(name, "kind: Secret\nmetadata:\n  name: s\nstringData");
        var path = _folder.WriteFile("secret.yaml", text);

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => new SecretFileReader(_folder.Path).ReadSecretAsync("default", "s").AsTask());

        Assert.Contains(expected, error.Reason, StringComparison.Ordinal);
        Assert.Equal(path, error.Location.File);
    }

    [Theory]
    [InlineData("{\"auths\": ", "invalid JSON in Docker config")]
    [InlineData("{\"auths\": {\"r.io\": {\"auth\": \"", "than the limit of")]
    public async Task A_hostile_docker_config_is_an_error_naming_the_file(string start, string expected)
    {
        var deep = start.EndsWith('"') ? new string('a', DockerConfigAuths.MaxLength) + "\"}}}" : new string('[', HostileYaml.Depth);
        var path = _folder.WriteFile("config.json", start + deep);

        var error = await Assert.ThrowsAsync<CredentialException>(() => new DockerConfigCredentialSource(path).GetCredentialAsync("https://r.io").AsTask());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
