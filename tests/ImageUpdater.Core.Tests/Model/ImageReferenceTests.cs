using ImageUpdater;

namespace ImageUpdater.Core.Tests.Model;

public sealed class ImageReferenceTests
{
    [Theory]
    // identifier, alias, registry, name, tag, digest
    [InlineData("jannfis/test-image:0.1", "", "", "jannfis/test-image", "0.1", null)]
    [InlineData("test-image", "", "", "test-image", null, null)]
    [InlineData("library/test-image", "", "", "library/test-image", null, null)]
    [InlineData("nginx", "", "", "nginx", null, null)]
    [InlineData("docker.io/nginx:1.25", "", "docker.io", "nginx", "1.25", null)]
    [InlineData("docker.io/library/nginx", "", "docker.io", "nginx", null, null)]
    [InlineData("index.docker.io/foo/bar:1", "", "", "foo/bar", "1", null)]
    [InlineData("gcr.io/jannfis/test-image:0.1", "", "gcr.io", "jannfis/test-image", "0.1", null)]
    [InlineData("gcr.io/library/foo", "", "gcr.io", "library/foo", null, null)]
    [InlineData("docker.io/jannfis/test-image:0.1", "", "docker.io", "jannfis/test-image", "0.1", null)]
    [InlineData("localhost/foo:1", "", "localhost", "foo", "1", null)]
    [InlineData("localhost:5000/foo/bar", "", "localhost:5000", "foo/bar", null, null)]
    [InlineData("registry:5000/classic-web", "", "registry:5000", "classic-web", null, null)]
    [InlineData("classic-web=registry:5000/classic-web", "classic-web", "registry:5000", "classic-web", null, null)]
    [InlineData("jannfis/orig-image=gcr.io/jannfis/test-image:0.1", "jannfis/orig-image", "gcr.io", "jannfis/test-image", "0.1", null)]
    [InlineData("ghcr.io:4567/jannfis/orig-image=gcr.io:1234/jannfis/test-image:0.1", "ghcr.io:4567/jannfis/orig-image", "gcr.io:1234", "jannfis/test-image", "0.1", null)]
    [InlineData("Upper/image:1", "", "Upper", "image", "1", null)]
    [InlineData("my_reg.io/foo", "", "", "my_reg.io/foo", null, null)]
    [InlineData("[::1]:5000/foo:2", "", "[::1]:5000", "foo", "2", null)]
    public void Parses_the_Docker_grammar_as_the_reference_does(string identifier, string alias, string registry, string name, string? tag, string? digest)
    {
        var image = ImageReference.Parse(identifier);

        Assert.Equal(alias, image.Alias);
        Assert.Equal(registry, image.Registry);
        Assert.Equal(name, image.Name);
        Assert.Equal(tag, image.Tag);
        Assert.Equal(digest, image.Digest);
    }

    [Theory]
    [InlineData("nginx:~1.2", "", "", "nginx", "~1.2", null)]
    [InlineData("web=nginx:>=1.0.1", "web", "", "nginx", ">=1.0.1", null)]
    [InlineData("web=ghcr.io/acme/web:^1.0", "web", "ghcr.io", "acme/web", "^1.0", null)]
    [InlineData("gcr.io/jannfis/test-image@sha256:abcde", "", "gcr.io", "jannfis/test-image", null, "sha256:abcde")]
    [InlineData("gcr.io/jannfis/test-image:test-tag@sha256:abcde", "", "gcr.io", "jannfis/test-image", "test-tag", "sha256:abcde")]
    [InlineData("Foo/Bar:1", "", "", "Foo/Bar", "1", null)]
    [InlineData("localhost:5000/foo:~1.2", "", "", "localhost", "5000/foo:~1.2", null)]
    [InlineData("invalid==foo", "invalid", "", "=foo", null, null)]
    public void Falls_back_to_the_lenient_split(string identifier, string alias, string registry, string name, string? tag, string? digest)
    {
        Assert.False(ImageReference.TryParseStrict(identifier, out _));

        var image = ImageReference.Parse(identifier);

        Assert.Equal(alias, image.Alias);
        Assert.Equal(registry, image.Registry);
        Assert.Equal(name, image.Name);
        Assert.Equal(tag, image.Tag);
        Assert.Equal(digest, image.Digest);
    }

    [Fact]
    public void Splits_the_alias_on_the_first_equals_sign_even_inside_a_constraint()
    {
        // As in the reference: without an alias, the '=' of '>=' is taken as the alias separator.
        var image = ImageReference.Parse("nginx:>=1.0.1");

        Assert.Equal("nginx:>", image.Alias);
        Assert.Equal("1.0.1", image.Name);
    }

    [Fact]
    public void Keeps_tag_and_a_valid_digest_together()
    {
        const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

        var image = ImageReference.Parse("ghcr.io/acme/web:1.2@" + Digest);

        Assert.Equal("1.2", image.Tag);
        Assert.Equal(Digest, image.Digest);
        Assert.Equal("1.2@" + Digest, image.TagWithDigest);
        Assert.Equal("ghcr.io/acme/web:1.2@" + Digest, image.ToString());
        Assert.True(image.TryGetDigest(out var parsed));
        Assert.Equal("sha256", parsed.Algorithm);
    }

    [Fact]
    public void Renders_latest_at_digest_when_there_is_no_tag()
    {
        var image = ImageReference.Parse("gcr.io/jannfis/test-image@sha256:abcde");

        Assert.Equal("latest@sha256:abcde", image.TagWithDigest);
        Assert.Equal("gcr.io/jannfis/test-image@sha256:abcde", image.FullNameWithTag);
    }

    [Theory]
    [InlineData("jannfis/argocd=jannfis/orig-image:0.1")]
    [InlineData("jannfis/argocd=gcr.io/jannfis/orig-image:0.1")]
    [InlineData("jannfis/argocd=gcr.io/jannfis/orig-image")]
    [InlineData("foo/bar:0.1")]
    public void Renders_what_it_parsed(string identifier)
    {
        Assert.Equal(identifier, ImageReference.Parse(identifier).ToString());
    }

    [Fact]
    public void Compares_registries_strictly_or_with_Docker_Hub_defaulting()
    {
        var bare = ImageReference.Parse("x/bar:1");
        var hub = ImageReference.Parse("docker.io/x/bar:1");

        Assert.False(bare.IsSameImage(hub));
        Assert.True(bare.IsSameImageIgnoringDefaultRegistry(hub));
        Assert.True(bare.IsSameImage(ImageReference.Parse("x/bar:2")));
    }

    [Fact]
    public void WithTag_keeps_alias_registry_and_name()
    {
        var image = ImageReference.Parse("jannfis/argocd=jannfis/orig-image:0.1").WithTag("0.2");

        Assert.Equal("jannfis/argocd=jannfis/orig-image:0.2", image.ToString());
    }
}
