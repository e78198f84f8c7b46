using System.Net;
using ImageUpdater.Credentials;
using ImageUpdater.Registry.Tests.Fixtures;
using ImageUpdater.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageUpdater.Registry.Tests.RealRegistry;

public sealed class BasicRegistryFixture : IAsyncLifetime
{
    public DistributionRegistry Registry { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Registry = await DistributionRegistry.StartAsync(RegistryAuth.Basic);
        await Registry.PushImageAsync("team/api", ["2.0", "2.1"], AnonymousRegistryFixture.Feb);
    }

    public ValueTask DisposeAsync() => Registry.DisposeAsync();
}

public sealed class BearerRegistryFixture : IAsyncLifetime
{
    public DistributionRegistry Registry { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Registry = await DistributionRegistry.StartAsync(RegistryAuth.Bearer);
        await Registry.PushImageAsync("team/api", ["3.0", "3.1"], AnonymousRegistryFixture.Mar);
        await Registry.PushImageAsync("team/worker", ["1.0"], AnonymousRegistryFixture.Jan);
    }

    public ValueTask DisposeAsync() => Registry.DisposeAsync();
}

public sealed class BasicAuthTests(BasicRegistryFixture fixture) : IClassFixture<BasicRegistryFixture>
{
    [Fact]
    public async Task Basic_credentials_from_the_resolver_are_sent_with_the_registry_spec_and_expiry()
    {
        var resolver = FakeCredentialResolver.Fixed(DistributionRegistry.User, DistributionRegistry.Password);
        using var services = TestServices.Create(credentials: resolver);
        var endpoint = TestServices.Endpoint(fixture.Registry.BaseUri, "env:REGISTRY_CREDS") with { CredentialsExpiry = TimeSpan.FromMinutes(5) };

        var tags = await services.GetRequiredService<IRegistryTagLister>()
            .ListTagsAsync(new RegistryRepository(endpoint, "team/api", endpoint.Credentials), TestContext.Current.CancellationToken)
            .ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["2.0", "2.1"], tags.Order(StringComparer.Ordinal));
        var request = resolver.Requests[0];
        Assert.Equal("env:REGISTRY_CREDS", request.Spec);
        Assert.Equal(fixture.Registry.BaseUri.GetLeftPart(UriPartial.Authority), request.RegistryApiUrl);
        Assert.Equal(TimeSpan.FromMinutes(5), request.Expiry);
        Assert.False(request.ForceRefresh);
    }

    [Fact]
    public async Task A_rejected_cached_credential_is_refreshed_once_and_the_request_repeated()
    {
        // The first answer is stale (the password was rotated); a forced refresh reads the new one.
        var resolver = new FakeCredentialResolver((request, _) => request.ForceRefresh
            ? new RegistryCredential(DistributionRegistry.User, DistributionRegistry.Password)
            : new RegistryCredential(DistributionRegistry.User, "old-password"));
        using var services = TestServices.Create(credentials: resolver);
        var endpoint = TestServices.Endpoint(fixture.Registry.BaseUri, "secret:ns/creds#token");

        var digest = await services.GetRequiredService<IRegistryDigestReader>()
            .GetDigestAsync(new RegistryRepository(endpoint, "team/api", endpoint.Credentials), "2.0", TestContext.Current.CancellationToken);

        Assert.Equal("sha256", digest.Algorithm);
        Assert.Equal([false, true], resolver.Requests.Select(r => r.ForceRefresh));
    }

    [Fact]
    public async Task Wrong_credentials_fail_with_401_after_one_refresh_and_the_password_is_not_in_the_message()
    {
        var resolver = FakeCredentialResolver.Fixed(DistributionRegistry.User, "wrong-password-123");
        using var services = TestServices.Create(credentials: resolver);
        var endpoint = TestServices.Endpoint(fixture.Registry.BaseUri, "env:CREDS");

        var error = await Assert.ThrowsAsync<RegistryException>(async () =>
            await services.GetRequiredService<IRegistryPassFactory>().BeginPass().GetCandidatesAsync(
                new TagCandidateRequest { Image = ImageReference.Parse(fixture.Registry.BaseUri.Authority + "/team/api"), Endpoint = endpoint },
                TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(2, resolver.Requests.Count);
        Assert.DoesNotContain("wrong-password-123", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_credentials_the_registry_refuses()
    {
        using var services = TestServices.Create();
        var endpoint = TestServices.Endpoint(fixture.Registry.BaseUri);

        var error = await Assert.ThrowsAsync<RegistryException>(async () =>
            await services.GetRequiredService<IRegistryTagLister>().ListTagsAsync(new RegistryRepository(endpoint, "team/api"), TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task A_per_image_pull_secret_overrides_the_registry_credentials()
    {
        var resolver = new FakeCredentialResolver((request, _) => request.Spec == "pullsecret:apps/regcred"
            ? new RegistryCredential(DistributionRegistry.User, DistributionRegistry.Password)
            : new RegistryCredential("nobody", "nothing"));
        using var services = TestServices.Create(credentials: resolver);
        var endpoint = TestServices.Endpoint(fixture.Registry.BaseUri, "env:REGISTRY_WIDE");

        var result = await services.GetRequiredService<IRegistryPassFactory>().BeginPass().GetCandidatesAsync(
            new TagCandidateRequest
            {
                Image = ImageReference.Parse(fixture.Registry.BaseUri.Authority + "/team/api"),
                Endpoint = endpoint,
                Settings = new ImageUpdateSettings { PullSecret = "pullsecret:apps/regcred" },
            },
            TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Tags.Count);
        Assert.All(resolver.Requests, r => Assert.Equal("pullsecret:apps/regcred", r.Spec));
    }
}

public sealed class BearerAuthTests(BearerRegistryFixture fixture) : IClassFixture<BearerRegistryFixture>
{
    [Fact]
    public async Task Bearer_tokens_are_fetched_per_repository_scope_and_reused_until_they_expire()
    {
        var log = new RequestLog();
        var resolver = FakeCredentialResolver.Fixed(DistributionRegistry.User, DistributionRegistry.Password);
        using var services = TestServices.Create(log, resolver);
        var endpoint = TestServices.Endpoint(fixture.Registry.BaseUri, "env:CREDS");
        var factory = services.GetRequiredService<IRegistryPassFactory>();

        for (var pass = 0; pass < 2; pass++)
        {
            var source = factory.BeginPass();
            var api = await source.GetCandidatesAsync(Request(endpoint, "team/api", TagMetadataNeeds.BuildMetadata), TestContext.Current.CancellationToken);
            var worker = await source.GetCandidatesAsync(Request(endpoint, "team/worker", TagMetadataNeeds.None), TestContext.Current.CancellationToken);
            Assert.Equal(2, api.Tags.Count);
            Assert.All(api.Tags, t => Assert.Equal(AnonymousRegistryFixture.Mar, t.CreatedAt));
            Assert.Equal(["1.0"], worker.Tags.Select(t => t.Name));
        }

        var tokenRequests = log.Requests.Where(r => r.Kind == "token").ToList();
        Assert.Equal(2, tokenRequests.Count); // one per repository scope, reused by the second pass
        Assert.Contains(tokenRequests, r => r.Uri.Query.Contains("scope=repository%3Ateam%2Fapi%3Apull", StringComparison.Ordinal));
        Assert.All(tokenRequests, r => Assert.Contains("service=" + TokenIssuer.Service, r.Uri.Query, StringComparison.Ordinal));
        Assert.All(tokenRequests, r => Assert.True(r.HasAuthorization));
    }

    [Fact]
    public async Task A_full_token_cache_evicts_the_least_recently_used_scope_and_fetches_it_again_when_needed()
    {
        var log = new RequestLog();
        var resolver = FakeCredentialResolver.Fixed(DistributionRegistry.User, DistributionRegistry.Password);
        using var services = TestServices.Create(log, resolver, o => o.MaxBearerTokensPerRegistry = 1);
        var endpoint = TestServices.Endpoint(fixture.Registry.BaseUri, "env:CREDS");
        var factory = services.GetRequiredService<IRegistryPassFactory>();

        foreach (var name in (string[])["team/api", "team/api", "team/worker", "team/worker", "team/api"])
        {
            await factory.BeginPass().GetCandidatesAsync(Request(endpoint, name, TagMetadataNeeds.None), TestContext.Current.CancellationToken);
        }

        var scopes = log.Requests.Where(r => r.Kind == "token").Select(r => System.Web.HttpUtility.ParseQueryString(r.Uri.Query)["scope"]);
        Assert.Equal(["repository:team/api:pull", "repository:team/worker:pull", "repository:team/api:pull"], scopes);
    }

    [Fact]
    public async Task Anonymous_bearer_tokens_allow_pulling_without_credentials()
    {
        var log = new RequestLog();
        using var services = TestServices.Create(log);
        var endpoint = TestServices.Endpoint(fixture.Registry.BaseUri);

        var result = await services.GetRequiredService<IRegistryPassFactory>().BeginPass()
            .GetCandidatesAsync(Request(endpoint, "team/worker", TagMetadataNeeds.BuildMetadata), TestContext.Current.CancellationToken);

        Assert.Equal(["1.0"], result.Tags.Select(t => t.Name));
        Assert.All(log.Requests.Where(r => r.Kind == "token"), r => Assert.False(r.HasAuthorization));
    }

    [Fact]
    public async Task Without_a_ping_the_challenge_is_learned_from_the_first_401()
    {
        var log = new RequestLog();
        using var services = TestServices.Create(log, FakeCredentialResolver.Fixed(DistributionRegistry.User, DistributionRegistry.Password));
        var endpoint = TestServices.Endpoint(fixture.Registry.BaseUri, "env:CREDS", ping: false);

        var tags = await services.GetRequiredService<IRegistryTagLister>()
            .ListTagsAsync(new RegistryRepository(endpoint, "team/api", endpoint.Credentials), TestContext.Current.CancellationToken)
            .ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, tags.Count);
        Assert.Equal(0, log.Count("ping"));
        Assert.Equal(["tags", "token", "tags"], log.Requests.Select(r => r.Kind));
    }

    [Fact]
    public async Task A_token_endpoint_refusing_a_stale_credential_gets_a_refreshed_one()
    {
        var resolver = new FakeCredentialResolver((request, _) => new RegistryCredential(DistributionRegistry.User, request.ForceRefresh ? DistributionRegistry.Password : "stale"));
        using var services = TestServices.Create(credentials: resolver);
        var endpoint = TestServices.Endpoint(fixture.Registry.BaseUri, "env:CREDS");

        var digest = await services.GetRequiredService<IRegistryDigestReader>()
            .GetDigestAsync(new RegistryRepository(endpoint, "team/api", endpoint.Credentials), "3.0", TestContext.Current.CancellationToken);

        Assert.Equal("sha256", digest.Algorithm);
        Assert.Equal([false, true], resolver.Requests.Select(r => r.ForceRefresh));
    }

    [Fact]
    public async Task An_expired_token_is_replaced()
    {
        var log = new RequestLog();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var services = TestServices.Create(log, FakeCredentialResolver.Fixed(DistributionRegistry.User, DistributionRegistry.Password), time: time);
        var endpoint = TestServices.Endpoint(fixture.Registry.BaseUri, "env:CREDS");
        var reader = services.GetRequiredService<IRegistryDigestReader>();
        var repository = new RegistryRepository(endpoint, "team/api", endpoint.Credentials);

        await reader.GetDigestAsync(repository, "3.0", TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(200)); // the issuer's tokens last 300 s
        await reader.GetDigestAsync(repository, "3.0", TestContext.Current.CancellationToken);
        var beforeExpiry = log.Count("token");
        time.Advance(TimeSpan.FromSeconds(200));
        await reader.GetDigestAsync(repository, "3.1", TestContext.Current.CancellationToken);

        Assert.Equal(1, beforeExpiry);
        Assert.Equal(2, log.Count("token"));
        Assert.Equal(0, log.Count("manifest")); // digests come from HEAD, never GET
    }

    private TagCandidateRequest Request(RegistryEndpoint endpoint, string name, TagMetadataNeeds needs) => new()
    {
        Image = ImageReference.Parse(fixture.Registry.BaseUri.Authority + "/" + name),
        Endpoint = endpoint,
        MetadataNeeds = needs,
        Settings = new ImageUpdateSettings { Platforms = ["linux/amd64"] },
    };
}
