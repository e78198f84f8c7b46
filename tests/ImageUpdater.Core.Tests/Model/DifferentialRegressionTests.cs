namespace ImageUpdater.Core.Tests.Model;

/// <summary>
/// Cases where differential testing against the reference's Go code found this implementation wrong, pinned with
/// the Go result.
/// </summary>
public class DifferentialRegressionTests
{
    // Go's $ is the end of the text; .NET's $ also matched before a final '\n', so these passed the Docker grammar
    // here while the reference rejected them and split them leniently (keeping the '\n' in the tag or digest).
    [Theory]
    [InlineData("nginx:1.0\n", "", "nginx", "1.0\n", null)]
    [InlineData("index.docker.io/bitnami/nginx:latest\n", "index.docker.io", "bitnami/nginx", "latest\n", null)]
    [InlineData("docker.io/library/nginx:latest\n", "docker.io", "library/nginx", "latest\n", null)]
    [InlineData("localhost/acme/app:latest\n", "", "localhost/acme/app", "latest\n", null)]
    [InlineData("[::1]/library:latest\n", "", "[", ":1]/library:latest\n", null)]
    [InlineData("reg_with_underscore.io/a-b:latest\n", "reg_with_underscore.io", "a-b", "latest\n", null)]
    [InlineData("a:2.x-0@sha256:97f16f564173cce978d6b4935d33034492fe2eb6af6c2ba111e7c06800a0ab5a\n", "", "a", "2.x-0", "sha256:97f16f564173cce978d6b4935d33034492fe2eb6af6c2ba111e7c06800a0ab5a\n")]
    public void A_trailing_newline_fails_the_grammar(string identifier, string registry, string name, string? tag, string? digest)
    {
        Assert.False(ImageReference.TryParseStrict(identifier, out _));

        var reference = ImageReference.Parse(identifier);

        Assert.Equal(registry, reference.Registry);
        Assert.Equal(name, reference.Name);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(digest, reference.Digest);
    }

    [Fact]
    public void A_bare_identifier_followed_by_a_newline_is_not_refused_as_an_identifier()
    {
        // ^[a-f0-9]{64}$ must not match "<64 hex>\n"; the text then fails the grammar for its newline instead.
        var hex = new string('a', 64);

        var reference = ImageReference.Parse(hex + ":1\n");

        Assert.Equal(hex, reference.Name);
        Assert.Equal("1\n", reference.Tag);
    }
}
