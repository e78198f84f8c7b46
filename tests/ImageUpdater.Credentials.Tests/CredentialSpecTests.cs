namespace ImageUpdater.Credentials.Tests;

public sealed class CredentialSpecTests
{
    [Fact]
    public void Parses_a_secret_with_registry()
    {
        var spec = CredentialSpec.Parse("gcr.io=secret:mynamespace/mysecret#anyfield", requireRegistry: true);

        Assert.Equal(CredentialSourceKind.Secret, spec.Kind);
        Assert.Equal("gcr.io", spec.Registry);
        Assert.Equal("mynamespace", spec.SecretNamespace);
        Assert.Equal("mysecret", spec.SecretName);
        Assert.Equal("anyfield", spec.SecretField);
        Assert.Equal("gcr.io=secret:mynamespace/mysecret#anyfield", spec.ToString());
    }

    [Fact]
    public void Parses_a_pull_secret()
    {
        var spec = CredentialSpec.Parse("gcr.io=pullsecret:mynamespace/mysecret");

        Assert.Equal(CredentialSourceKind.PullSecret, spec.Kind);
        Assert.Equal("gcr.io", spec.Registry);
        Assert.Equal("mynamespace", spec.SecretNamespace);
        Assert.Equal("mysecret", spec.SecretName);
        Assert.Equal(".dockerconfigjson", spec.SecretField);
    }

    [Theory]
    [InlineData("env:DUMMY_SECRET", CredentialSourceKind.Environment, "DUMMY_SECRET")]
    [InlineData("ext:/tmp/a.sh", CredentialSourceKind.ExternalScript, "/tmp/a.sh")]
    [InlineData("dockerconfig:/root/.docker/config.json", CredentialSourceKind.DockerConfig, "/root/.docker/config.json")]
    [InlineData("ENV:DUMMY_SECRET", CredentialSourceKind.Environment, "DUMMY_SECRET")]
    public void Parses_sources_without_registry(string text, CredentialSourceKind kind, string value)
    {
        var spec = CredentialSpec.Parse(text);

        Assert.Equal(kind, spec.Kind);
        Assert.Equal(string.Empty, spec.Registry);
        Assert.Equal(value, kind == CredentialSourceKind.Environment ? spec.EnvironmentVariable : spec.Path);
    }

    [Theory]
    [InlineData("secret:mynamespace/mysecret#anyfield", true, "invalid credential spec: secret:mynamespace/mysecret#anyfield")]
    [InlineData("=secret:mynamespace/mysecret#anyfield", true, "invalid credential spec: =secret:mynamespace/mysecret#anyfield")]
    [InlineData("=secret:mynamespace/mysecret#anyfield", false, "unknown credential source: =secret")]
    [InlineData("gcr.io=secrets:mynamespace/mysecret#anyfield", true, "unknown credential source: secrets")]
    [InlineData("gcr.io=secret:mynamespace/mysecret#", true, "invalid secret definition: mynamespace/mysecret#")]
    [InlineData("gcr.io=secret:/mysecret#anyfield", true, "invalid secret definition: /mysecret#anyfield")]
    [InlineData("gcr.io=secret:mynamespace/#anyfield", true, "invalid secret definition: mynamespace/#anyfield")]
    [InlineData("gcr.io=secret:", true, "invalid credential spec: gcr.io=secret:")]
    [InlineData("gcr.io=pullsecret:/mysecret", true, "invalid secret definition: /mysecret")]
    [InlineData("gcr.io=pullsecret:mynamespace", true, "invalid secret definition: mynamespace")]
    [InlineData("env", false, "invalid credential spec: env")]
    [InlineData("ext:/a:b", false, "invalid credential spec: ext:/a:b")]
    public void Rejects_invalid_specs_with_the_reference_texts(string text, bool requireRegistry, string message)
    {
        var error = Assert.Throws<CredentialException>(() => CredentialSpec.Parse(text, requireRegistry));

        Assert.Equal(message, error.Message);
    }
}
