namespace ImageUpdater.Credentials.Tests;

public sealed class SecretSourcesTests
{
    private const string DockerHub = "https://registry-1.docker.io";

    [Fact]
    public async Task Environment_source_reads_user_and_password()
    {
        var variable = TestSupport.UniqueVariable();
        Environment.SetEnvironmentVariable(variable, "foo:bar:baz");

        var credential = await new EnvironmentCredentialSource(variable).GetCredentialAsync(DockerHub);

        Assert.Equal("foo", credential.Username);
        Assert.Equal("bar:baz", credential.Password);
    }

    [Fact]
    public async Task Environment_source_is_unavailable_when_the_variable_is_unset()
    {
        var variable = TestSupport.UniqueVariable();

        var error = await Assert.ThrowsAsync<CredentialUnavailableException>(() => new EnvironmentCredentialSource(variable).GetCredentialAsync(DockerHub).AsTask());

        Assert.Equal($"could not fetch credentials: env '{variable}' is not set", error.Message);
    }

    [Theory]
    [InlineData("babayaga")]
    [InlineData("foo:")]
    [InlineData(":bar")]
    [InlineData(":")]
    public async Task Environment_source_rejects_malformed_values(string value)
    {
        var variable = TestSupport.UniqueVariable();
        Environment.SetEnvironmentVariable(variable, value);

        var error = await Assert.ThrowsAsync<CredentialException>(() => new EnvironmentCredentialSource(variable).GetCredentialAsync(DockerHub).AsTask());

        Assert.IsNotType<CredentialUnavailableException>(error);
        Assert.Equal($"could not fetch credentials: value of {variable} is malformed", error.Message);
    }

    [Fact]
    public async Task Secret_source_reads_a_field()
    {
        var reader = new InMemorySecretReader().Set("test", "test", new Dictionary<string, string> { ["username_password"] = "foo:bar" });

        var credential = await new SecretCredentialSource(reader, "test", "test", "username_password").GetCredentialAsync("NA");

        Assert.Equal("foo", credential.Username);
        Assert.Equal("bar", credential.Password);
    }

    [Fact]
    public async Task Secret_source_is_unavailable_for_a_missing_secret_or_field()
    {
        var reader = new InMemorySecretReader().Set("test", "test", new Dictionary<string, string> { ["username_password"] = "foo:bar" });

        var missing = await Assert.ThrowsAsync<CredentialUnavailableException>(() => new SecretCredentialSource(reader, "test1", "test", "username_password").GetCredentialAsync("NA").AsTask());
        var badField = await Assert.ThrowsAsync<CredentialUnavailableException>(() => new SecretCredentialSource(reader, "test", "test", "BAD").GetCredentialAsync("NA").AsTask());

        Assert.Equal("could not fetch secret 'test' from namespace 'test1' (field: 'username_password'): secret 'test1/test' not found", missing.Message);
        Assert.Equal("could not fetch secret 'test' from namespace 'test' (field: 'BAD'): secret 'test/test' does not have a field 'BAD'", badField.Message);
    }

    [Fact]
    public async Task Secret_source_rejects_a_value_without_colon()
    {
        var reader = new InMemorySecretReader().Set("ns", "s", new Dictionary<string, string> { ["creds"] = "token-only" });

        var error = await Assert.ThrowsAsync<CredentialException>(() => new SecretCredentialSource(reader, "ns", "s", "creds").GetCredentialAsync("NA").AsTask());

        Assert.Equal("invalid credentials in secret 's' from namespace 'ns' (field 'creds')", error.Message);
    }

    [Fact]
    public async Task Secret_source_without_a_configured_reader_is_unavailable()
    {
        var error = await Assert.ThrowsAsync<CredentialUnavailableException>(() =>
            new SecretCredentialSource(UnconfiguredSecretReader.Instance, "ns", "s", "f").GetCredentialAsync("NA").AsTask());

        Assert.Contains("no secret reader is configured", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://registry-1.docker.io/v2", DockerHub)]
    [InlineData("registry-1.docker.io", DockerHub)]
    [InlineData("registry-1.docker.io", "http://registry-1.docker.io")]
    [InlineData("registry-1.docker.io", "registry-1.docker.io")]
    [InlineData("registry-1.docker.io", "https://registry-1.docker.io/")]
    [InlineData("http://registry-1.docker.io", DockerHub)]
    public async Task Pull_secret_matches_the_api_url_with_or_without_scheme(string key, string apiUrl)
    {
        var reader = TestSupport.PullSecret("test", "test", TestSupport.DockerConfig((key, "foo", "bar")));

        var credential = await new PullSecretCredentialSource(reader, "test", "test").GetCredentialAsync(apiUrl);

        Assert.Equal("foo", credential.Username);
        Assert.Equal("bar", credential.Password);
    }

    [Fact]
    public async Task Pull_secret_without_matching_entry_or_auths_is_unavailable()
    {
        var reader = TestSupport.PullSecret("test", "test", TestSupport.DockerConfig(("https://registry-1.docker.io/v2", "foo", "bar")));
        var noAuths = TestSupport.PullSecret("test", "test", "{\"BAD-KEY\":{}}");

        var noMatch = await Assert.ThrowsAsync<CredentialUnavailableException>(() => new PullSecretCredentialSource(reader, "test", "test").GetCredentialAsync("https://gcr.io").AsTask());
        var noCredentials = await Assert.ThrowsAsync<CredentialUnavailableException>(() => new PullSecretCredentialSource(noAuths, "test", "test").GetCredentialAsync(DockerHub).AsTask());

        Assert.Equal("no valid auth entry for registry https://gcr.io found in image pull secret 'test/test'", noMatch.Message);
        Assert.Equal("no credentials in image pull secret 'test/test'", noCredentials.Message);
    }

    [Fact]
    public async Task Pull_secret_entries_match_whole_hosts_only()
    {
        var reader = TestSupport.PullSecret("ns", "s", TestSupport.DockerConfig(("ghcr.io.example.com", "evil", "x")));

        await Assert.ThrowsAsync<CredentialUnavailableException>(() => new PullSecretCredentialSource(reader, "ns", "s").GetCredentialAsync("https://ghcr.io").AsTask());
    }

    [Fact]
    public async Task Pull_secret_picks_entries_deterministically()
    {
        var json = TestSupport.DockerConfig(
            ("https://ghcr.io/v2/", "under", "1"),
            ("ghcr.io", "host", "2"),
            ("https://ghcr.io", "exact", "3"));
        var withoutExact = TestSupport.DockerConfig(("https://ghcr.io/v2/", "under", "1"), ("https://ghcr.io/a/", "a", "4"), ("ghcr.io", "host", "2"));
        var onlyUnder = TestSupport.DockerConfig(("https://ghcr.io/v2/", "v2", "1"), ("https://ghcr.io/a/", "a", "4"));

        Assert.Equal("exact", (await Read(json)).Username);
        Assert.Equal("host", (await Read(withoutExact)).Username);
        Assert.Equal("a", (await Read(onlyUnder)).Username);

        static ValueTask<RegistryCredential> Read(string json) =>
            new PullSecretCredentialSource(TestSupport.PullSecret("ns", "s", json), "ns", "s").GetCredentialAsync("https://ghcr.io");
    }

    [Theory]
    [InlineData("{\"auths\":{\"ghcr.io\":\"x\"}}", "invalid auth entry for registry entry ghcr.io ('auths' entry should be map)")]
    [InlineData("{\"auths\":{\"ghcr.io\":{\"auth\":5}}}", "invalid auth token for registry entry ghcr.io ('auth' should be string')")]
    [InlineData("{\"auths\":{\"ghcr.io\":{\"auth\":\"!!!not-base64\"}}}", "could not base64-decode auth data for registry entry ghcr.io")]
    [InlineData("{\"auths\":{\"ghcr.io\":{\"auth\":\"Zm9vYmFy\"}}}", "invalid data after base64 decoding auth entry for registry entry ghcr.io")]
    [InlineData("{\"auths\": nope", "invalid JSON in image pull secret 'ns/s' (line 1, byte 12)")]
    public async Task Pull_secret_failures_use_the_reference_texts(string json, string message)
    {
        var reader = TestSupport.PullSecret("ns", "s", json);

        var error = await Assert.ThrowsAsync<CredentialException>(() => new PullSecretCredentialSource(reader, "ns", "s").GetCredentialAsync("https://ghcr.io").AsTask());

        Assert.IsNotType<CredentialUnavailableException>(error);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task Pull_secret_reads_username_and_password_fields()
    {
        var reader = TestSupport.PullSecret("ns", "s", "{\"auths\":{\"ghcr.io\":{\"username\":\"u\",\"password\":\"p\"}}}");

        var credential = await new PullSecretCredentialSource(reader, "ns", "s").GetCredentialAsync("https://ghcr.io");

        Assert.Equal("u", credential.Username);
        Assert.Equal("p", credential.Password);
    }

    [Fact]
    public async Task Docker_config_file_is_read_like_a_pull_secret()
    {
        using var folder = new TempDirectory();
        var path = folder.Write("config.json", TestSupport.DockerConfig(("ghcr.io", "u", "p")));

        var credential = await new DockerConfigCredentialSource(path).GetCredentialAsync("https://ghcr.io");
        var noEntry = await Assert.ThrowsAsync<CredentialUnavailableException>(() => new DockerConfigCredentialSource(path).GetCredentialAsync("https://quay.io").AsTask());
        var noFile = await Assert.ThrowsAsync<CredentialUnavailableException>(() => new DockerConfigCredentialSource(path + ".missing").GetCredentialAsync("https://ghcr.io").AsTask());
        var relative = await Assert.ThrowsAsync<CredentialException>(() => new DockerConfigCredentialSource("config.json").GetCredentialAsync("https://ghcr.io").AsTask());

        Assert.Equal("u", credential.Username);
        Assert.Equal($"no valid auth entry for registry https://quay.io found in Docker config {path}", noEntry.Message);
        Assert.Equal($"could not read Docker config {path}.missing: file not found", noFile.Message);
        Assert.Equal("path to Docker config must be absolute, but is 'config.json'", relative.Message);
    }
}
