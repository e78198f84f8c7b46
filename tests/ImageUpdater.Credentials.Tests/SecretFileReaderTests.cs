using System.Text;

namespace ImageUpdater.Credentials.Tests;

public sealed class SecretFileReaderTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Reads_data_and_string_data_from_multi_document_files()
    {
        _folder.Write("secrets.yaml", $"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: not-a-secret
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: regcred
              namespace: argocd
            data:
              creds: {TestSupport.Base64("user:from-data")}
              other: {TestSupport.Base64("x")}
            stringData:
              creds: user:from-string-data
            """);
        _folder.Write("default.yml", "kind: Secret\nmetadata:\n  name: plain\nstringData:\n  token: abc\n");
        _folder.Write("ignored.txt", "kind: Secret\nmetadata:\n  name: ignored\n");
        var reader = new SecretFileReader(_folder.Path);

        var regcred = await reader.ReadSecretAsync("argocd", "regcred");
        var plain = await reader.ReadSecretAsync("default", "plain");

        Assert.NotNull(regcred);
        Assert.Equal("user:from-string-data", Encoding.UTF8.GetString(regcred["creds"]));
        Assert.Equal("x", Encoding.UTF8.GetString(regcred["other"]));
        Assert.Equal("abc", Encoding.UTF8.GetString(plain!["token"]));
        Assert.Null(await reader.ReadSecretAsync("argocd", "missing"));
        Assert.Null(await reader.ReadSecretAsync("default", "ignored"));
    }

    [Fact]
    public async Task Changes_to_files_are_seen_on_the_next_read()
    {
        var file = _folder.Write("s.yaml", "kind: Secret\nmetadata:\n  name: s\nstringData:\n  k: one\n");
        var reader = new SecretFileReader(_folder.Path);
        Assert.Equal("one", Encoding.UTF8.GetString((await reader.ReadSecretAsync("default", "s"))!["k"]));

        await File.WriteAllTextAsync(file, "kind: Secret\nmetadata:\n  name: s\nstringData:\n  k: two\n");

        Assert.Equal("two", Encoding.UTF8.GetString((await reader.ReadSecretAsync("default", "s"))!["k"]));
    }

    [Theory]
    [InlineData("kind: Secret\nmetadata:\n  name: s\ndata:\n  k: '%%%notbase64'\n", 5, "Secret default/s", "data.k", "the value is not valid base64")]
    [InlineData("kind: Secret\nmetadata:\n  namespace: x\n", 3, null, "metadata.name", "a Secret needs metadata.name")]
    [InlineData("kind: Secret\n", 1, null, "metadata", "a Secret needs metadata")]
    [InlineData("kind: Secret\nmetadata:\n  name: s\ndata: [a]\n", 4, "Secret default/s", "data", "expected a mapping")]
    [InlineData("kind: Secret\nmetadata:\n  name: s\nstringData:\n  k: [a]\n", 5, "Secret default/s", "stringData.k", "expected a text value")]
    [InlineData("kind: Secret\nmetadata: [\n", 3, null, null, "invalid YAML")]
    public async Task Errors_name_file_line_and_key(string content, int line, string? resource, string? key, string reason)
    {
        var file = _folder.Write("bad.yaml", content);

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => new SecretFileReader(_folder.Path).ReadSecretAsync("default", "s").AsTask());

        Assert.Equal(reason, error.Reason);
        Assert.Equal(file, error.Location.File);
        Assert.Equal(line, error.Location.Line);
        Assert.Equal(resource, error.Location.Resource);
        Assert.Equal(key, error.Location.Key);
    }

    [Fact]
    public async Task A_secret_defined_twice_is_an_error()
    {
        _folder.Write("a.yaml", "kind: Secret\nmetadata:\n  name: s\n");
        var second = _folder.Write("b.yaml", "kind: Secret\nmetadata:\n  name: s\n");

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => new SecretFileReader(_folder.Path).ReadSecretAsync("default", "s").AsTask());

        Assert.Equal(second, error.Location.File);
        Assert.Contains("a.yaml:1:1", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_folder_is_an_error()
    {
        var error = await Assert.ThrowsAsync<ConfigurationException>(() => new SecretFileReader(_folder.Path + "-missing").ReadSecretAsync("default", "s").AsTask());

        Assert.Equal(_folder.Path + "-missing", error.Location.File);
    }

    [Fact]
    public async Task A_broken_file_makes_secret_sources_fail_with_its_location()
    {
        var file = _folder.Write("bad.yaml", "kind: Secret\nmetadata:\n  name: s\ndata:\n  k: '%%%'\n");

        var error = await Assert.ThrowsAsync<CredentialException>(() => new SecretCredentialSource(new SecretFileReader(_folder.Path), "default", "s", "k").GetCredentialAsync("NA").AsTask());

        Assert.IsNotType<CredentialUnavailableException>(error);
        Assert.Equal($"could not fetch secret 's' from namespace 'default' (field: 'k'): {file}:5:6: Secret default/s: key 'data.k': the value is not valid base64", error.Message);
    }
}
