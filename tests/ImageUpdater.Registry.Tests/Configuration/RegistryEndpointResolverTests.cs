namespace ImageUpdater.Registry.Tests.Configuration;

public sealed class RegistryEndpointResolverTests
{
    [Fact]
    public void Built_in_docker_hub_is_the_default()
    {
        var resolver = new RegistryEndpointResolver();

        var endpoint = resolver.Resolve(string.Empty);

        Assert.Same(RegistryEndpointResolver.DockerHub, endpoint);
        Assert.Equal("docker.io", endpoint.Prefix);
        Assert.Equal("Docker Hub", endpoint.Name);
        Assert.Equal(new Uri("https://registry-1.docker.io"), endpoint.ApiUrl);
        Assert.Equal("library", endpoint.DefaultNamespace);
        Assert.Equal(10, endpoint.RequestsPerSecond);
        Assert.True(endpoint.Ping);
        Assert.True(endpoint.IsDefault);
        Assert.Equal("library/nginx", endpoint.RepositoryFor("nginx"));
        Assert.Equal("bitnami/nginx", endpoint.RepositoryFor("bitnami/nginx"));
        Assert.Same(endpoint, resolver.Resolve("docker.io", "library/nginx"));
    }

    [Fact]
    public void Unlisted_registries_are_inferred_at_20_requests_per_second()
    {
        var resolver = new RegistryEndpointResolver();

        var endpoint = resolver.Resolve("foobar.com", "app");

        Assert.Equal("foobar.com", endpoint.Prefix);
        Assert.Equal("foobar.com", endpoint.Name);
        Assert.Equal("https://foobar.com", endpoint.ApiUrl.OriginalString);
        Assert.Equal(20, endpoint.RequestsPerSecond);
        Assert.Equal(TagSortMode.None, endpoint.TagSortMode);
        Assert.False(endpoint.Insecure);
        Assert.Equal(string.Empty, endpoint.DefaultNamespace);
        Assert.Equal("app", endpoint.RepositoryFor("app"));
        Assert.Same(endpoint, resolver.Resolve("foobar.com"));
    }

    [Fact]
    public void Infer_matches_the_reference()
    {
        var endpoint = RegistryEndpointResolver.Infer("example.com:5000");

        Assert.Equal("example.com:5000", endpoint.Prefix);
        Assert.Equal(new Uri("https://example.com:5000"), endpoint.ApiUrl);
        Assert.Equal(RegistryEndpointResolver.InferredRequestsPerSecond, endpoint.RequestsPerSecond);
        Assert.Throws<ArgumentException>(() => RegistryEndpointResolver.Infer("bad host name"));
    }

    [Fact]
    public void Exact_prefix_wins()
    {
        var resolver = Resolver("""
            registries:
            - name: GCR
              api_url: https://gcr.io
              prefix: gcr.io
              credentials: pullsecret:foo/bar
            """);

        Assert.Equal("pullsecret:foo/bar", resolver.Resolve("gcr.io").Credentials);
        Assert.Equal("GCR", resolver.Resolve("gcr.io", "project/app").Name);
    }

    [Fact]
    public void Longest_prefix_of_registry_and_image_name_wins()
    {
        // The reference's Test_SelectRegistryBasedOnMaxPrefixContains.
        var resolver = Resolver("""
            registries:
            - name: one
              api_url: https://foo.bar
              prefix: foo.bar/prefix1
              credentials: env:FOOBAR_1
            - name: two
              api_url: https://foo.bar
              prefix: foo.bar/prefix2
              credentials: env:FOOBAR_2
            - name: sub
              api_url: https://foo.bar
              prefix: foo.bar/prefix1/sub-prefix
              credentials: env:FOOBAR_SUB_1
            """);

        Assert.Equal("env:FOOBAR_SUB_1", resolver.Resolve("foo.bar", "prefix1/sub-prefix/image").Credentials);
        Assert.Equal("env:FOOBAR_1", resolver.Resolve("foo.bar", "prefix1/image").Credentials);
        Assert.Equal("env:FOOBAR_2", resolver.Resolve("foo.bar", "prefix2/x/y").Credentials);
        Assert.Equal("https://foo.bar", resolver.Resolve("foo.bar", "other/image").ApiUrl.OriginalString);
        Assert.Equal(20, resolver.Resolve("foo.bar", "other/image").RequestsPerSecond);
    }

    [Fact]
    public void Prefixes_match_as_plain_string_prefixes_as_in_the_reference()
    {
        var resolver = Resolver("""
            registries:
            - name: org
              api_url: https://ghcr.io
              prefix: ghcr.io/org
            """);

        Assert.Equal("org", resolver.Resolve("ghcr.io", "org/app").Name);
        Assert.Equal("org", resolver.Resolve("ghcr.io", "organisation/app").Name);
        Assert.Equal("ghcr.io", resolver.Resolve("ghcr.io", "other/app").Name);
        Assert.Equal("Docker Hub", resolver.Resolve("docker.io.example.com", "app").Name);
    }

    [Fact]
    public void A_configured_default_replaces_docker_hub_as_default()
    {
        var resolver = Resolver("""
            registries:
            - name: Mirror
              api_url: https://mirror.example.com
              prefix: mirror.example.com
              default: true
            """);

        Assert.Equal("Mirror", resolver.Resolve(string.Empty).Name);
        Assert.Equal("Mirror", resolver.Default.Name);
        var dockerHub = resolver.Resolve("docker.io");
        Assert.Equal("Docker Hub", dockerHub.Name);
        Assert.False(dockerHub.IsDefault);
        Assert.Single(resolver.Endpoints, e => e.IsDefault);
    }

    [Fact]
    public void A_configured_docker_io_entry_replaces_the_built_in_one()
    {
        var resolver = Resolver("""
            registries:
            - name: Docker Hub with credentials
              api_url: https://registry-1.docker.io
              prefix: docker.io
              credentials: env:DOCKER_HUB
              limit: 100
            """);

        Assert.Equal("env:DOCKER_HUB", resolver.Resolve("docker.io").Credentials);
        Assert.Equal("env:DOCKER_HUB", resolver.Resolve(string.Empty).Credentials);
        Assert.Equal(100, resolver.Resolve(string.Empty).RequestsPerSecond);
        Assert.Single(resolver.Endpoints);
    }

    [Fact]
    public void An_entry_without_prefix_serves_every_unlisted_registry_as_in_the_reference()
    {
        var resolver = new RegistryEndpointResolver(RegistriesConfiguration.Load(Fixture.PathOf("example-config.yaml")));

        Assert.Equal("Docker Hub", resolver.Resolve("unlisted.example.com", "app").Name);
        Assert.Equal("env:SOME_ENV_VAR", resolver.Resolve("unlisted.example.com", "app").Credentials);
        Assert.Equal("pullsecret:foo/bar", resolver.Resolve("gcr.io").Credentials);
        Assert.Equal("ext:/some/script", resolver.Resolve("ghcr.io").Credentials);
        Assert.Equal(TimeSpan.FromHours(5), resolver.Resolve("ghcr.io").CredentialsExpiry);
        Assert.Same(RegistryEndpointResolver.DockerHub, resolver.Resolve(string.Empty));
        Assert.Equal(5, resolver.Endpoints.Length);
    }

    [Fact]
    public void A_later_entry_with_the_same_prefix_replaces_an_earlier_one()
    {
        var resolver = Resolver("""
            registries:
            - name: first
              api_url: https://r.io
              prefix: r.io
            - name: second
              api_url: https://r.io
              prefix: r.io
            """);

        Assert.Equal("second", resolver.Resolve("r.io").Name);
    }

    [Fact]
    public void Resolves_image_references()
    {
        var resolver = Resolver("""
            registries:
            - name: GHCR
              api_url: https://ghcr.io
              prefix: ghcr.io
              defaultns: team
            """);

        Assert.Equal("GHCR", resolver.Resolve(ImageReference.Parse("ghcr.io/app:1.0")).Name);
        Assert.Equal("team/app", resolver.Resolve(ImageReference.Parse("ghcr.io/app:1.0")).RepositoryFor("app"));
        Assert.Same(RegistryEndpointResolver.DockerHub, resolver.Resolve(ImageReference.Parse("nginx:1.25")));
    }

    [Fact]
    public async Task Concurrent_resolution_returns_one_inferred_endpoint_per_host()
    {
        var resolver = new RegistryEndpointResolver();

        var endpoints = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => resolver.Resolve("concurrent.example.com", "app"))));

        Assert.All(endpoints, e => Assert.Same(endpoints[0], e));
    }

    private static RegistryEndpointResolver Resolver(string yaml) => new(RegistriesConfiguration.Parse(yaml, "test.yaml"));

    [Fact]
    public void Inferred_endpoints_are_kept_up_to_the_capacity_least_recently_used_out()
    {
        var resolver = new RegistryEndpointResolver(null, new RegistryClientOptions { MaxInferredEndpoints = 4 });
        var first = Enumerable.Range(0, 4).Select(i => resolver.Resolve($"registry-{i}.example")).ToList();

        Assert.Same(first[0], resolver.Resolve("registry-0.example"));
        for (var i = 4; i < 2_000; i++)
        {
            resolver.Resolve($"registry-{i}.example");
            Assert.Same(first[0], resolver.Resolve("registry-0.example")); // used every time, so never evicted
        }

        Assert.NotSame(first[1], resolver.Resolve("registry-1.example")); // evicted, then inferred again ...
        Assert.Equal(first[1], resolver.Resolve("registry-1.example")); // ... equal to before
        Assert.Same(first[0], resolver.Resolve("registry-0.example"));
    }

    [Fact]
    public void A_capacity_below_one_is_refused_naming_the_option()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RegistryEndpointResolver(null, new RegistryClientOptions { MaxInferredEndpoints = 0 }));

        Assert.Contains("RegistryClientOptions.MaxInferredEndpoints", error.Message, StringComparison.Ordinal);
    }
}
