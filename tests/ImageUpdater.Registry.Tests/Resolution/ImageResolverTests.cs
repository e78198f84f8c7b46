using ImageUpdater.Credentials;
using ImageUpdater.Engine;
using ImageUpdater.Testing;
using static ImageUpdater.Registry.Tests.Resolution.ResolverFixture;

namespace ImageUpdater.Registry.Tests.Resolution;

/// <summary>The image resolver against a real docker-registry, one test per strategy and per failure kind.</summary>
public sealed class ImageResolverTests(ResolverFixture fixture) : IClassFixture<ResolverFixture>
{
    private string App => fixture.Registry.Authority + "/acme/app";

    [Fact]
    public async Task Semver_chooses_within_the_constraint_and_the_funnel_says_what_each_step_removed()
    {
        using var services = Services(fixture.Registry.RegistriesConf());
        var settings = new ImageUpdateSettings { Constraint = "^1.0", IgnoreTags = ["1.0.*"], AllowTags = "regexp:^[v0-9]" };

        var resolution = await ResolveAsync(services, Request(App + ":1.0.0", settings));

        Assert.Null(resolution.Error);
        Assert.Equal("v1.2.0", resolution.Selected?.Name);
        Assert.Equal(TagStrategyNames.Semver, resolution.Strategy);
        var funnel = resolution.Funnel;
        Assert.Equal(7, funnel.Listed);
        Assert.Equal(2, funnel.RemovedByAllowTags);   // main, build-x
        Assert.Equal(1, funnel.RemovedByIgnoreTags);  // 1.0.0
        Assert.Equal(2, funnel.OutsideConstraint);    // 1.3.0-rc.1 (a pre-release), 2.0.0
        Assert.Equal(0, funnel.Unparseable);
        Assert.Equal(2, funnel.Candidates);           // 1.1.0, v1.2.0
    }

    [Fact]
    public async Task An_unparseable_platform_entry_matches_nothing_and_is_reported_as_a_warning()
    {
        using var services = Services(fixture.Registry.RegistriesConf());
        var settings = new ImageUpdateSettings { Strategy = TagStrategyNames.NewestBuild, Platforms = ["linux", "linux/amd64"] };

        var resolution = await ResolveAsync(services, Request(fixture.Registry.Authority + "/acme/built", settings));

        Assert.Null(resolution.Error);
        Assert.Equal("new", resolution.Selected?.Name);
        Assert.Equal("Platform 'linux' is not os/arch[/variant]; it matches no image.", Assert.Single(resolution.Warnings));
    }

    [Fact]
    public async Task When_no_tag_qualifies_the_funnel_says_why()
    {
        using var services = Services(fixture.Registry.RegistriesConf());

        var resolution = await ResolveAsync(services, Request(App, new ImageUpdateSettings { Constraint = ">=3.0" }));

        Assert.Null(resolution.Error);
        Assert.Null(resolution.Selected);
        Assert.Equal("7 tags listed, 2 not readable by the strategy, 5 outside the constraint", resolution.Funnel.ToString());
    }

    [Fact]
    public async Task Newest_build_reads_creation_times_and_counts_tags_without_the_wanted_platform()
    {
        using var services = Services(fixture.Registry.RegistriesConf());
        var settings = new ImageUpdateSettings { Strategy = "latest", Platforms = ["linux/amd64"] };

        var resolution = await ResolveAsync(services, Request(fixture.Registry.Authority + "/acme/built", settings));

        Assert.Null(resolution.Error);
        Assert.Equal("new", resolution.Selected?.Name);
        Assert.Equal(TagStrategyNames.NewestBuild, resolution.Strategy);
        Assert.Contains(resolution.Warnings, w => w.Contains("deprecated", StringComparison.Ordinal));
        Assert.Equal(1, resolution.Funnel.RemovedByPlatform);
        Assert.Equal(3, resolution.Funnel.Candidates);
        Assert.Equal("newest-arm", Assert.Single(resolution.Skipped).Tag);
    }

    [Fact]
    public async Task Alphabetical_chooses_the_last_tag_in_ordinal_order()
    {
        using var services = Services(fixture.Registry.RegistriesConf());

        var resolution = await ResolveAsync(services, Request(App, new ImageUpdateSettings { Strategy = "alphabetical", IgnoreTags = ["v*"] }));

        Assert.Equal("main", resolution.Selected?.Name);
        Assert.Equal(1, resolution.Funnel.RemovedByIgnoreTags);
    }

    [Fact]
    public async Task Digest_reads_the_watched_tag_only()
    {
        using var services = Services(fixture.Registry.RegistriesConf());

        var resolution = await ResolveAsync(services, Request(fixture.Registry.Authority + "/acme/pinned", new ImageUpdateSettings { Strategy = "digest", Constraint = "latest" }));

        Assert.Null(resolution.Error);
        Assert.Equal("latest", resolution.Selected?.Name);
        Assert.Equal(fixture.LatestDigest, resolution.Selected?.Digest?.ToString());
        Assert.Equal(2, resolution.Funnel.OutsideConstraint);
        Assert.Equal(1, resolution.Funnel.Candidates);
    }

    [Theory]
    [InlineData("semver", "~> nope")]
    [InlineData("digest", "")]
    public async Task Bad_configuration_is_a_configuration_error_before_any_request(string strategy, string constraint)
    {
        // No registries.conf: a request would go to https://<host>, which this registry does not serve.
        using var services = Services();

        var resolution = await ResolveAsync(services, Request(App, new ImageUpdateSettings { Strategy = strategy, Constraint = constraint }));

        Assert.Equal(UpdateErrorKind.Configuration, resolution.Error?.Kind);
        Assert.Contains(App, resolution.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_repository_is_not_found()
    {
        using var services = Services(fixture.Registry.RegistriesConf());

        var resolution = await ResolveAsync(services, Request(fixture.Registry.Authority + "/acme/missing", ImageUpdateSettings.Default));

        Assert.Equal(UpdateErrorKind.NotFound, resolution.Error?.Kind);
        Assert.Contains("acme/missing", resolution.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registry_needing_credentials_that_gets_none_is_unauthorized()
    {
        using var services = Services(fixture.Private.RegistriesConf());

        var resolution = await ResolveAsync(services, Request(fixture.Private.Authority + "/team/api", ImageUpdateSettings.Default));

        Assert.Equal(UpdateErrorKind.Unauthorized, resolution.Error?.Kind);
    }

    [Fact]
    public async Task The_image_pull_secret_overrides_the_registry_credentials()
    {
        var api = fixture.Private.BaseUri.GetLeftPart(UriPartial.Authority);
        var secrets = new InMemorySecretReader()
            .Set("team-a", "regcred", PullSecret(api, DistributionRegistry.User, DistributionRegistry.Password))
            .Set("ops", "wrong", PullSecret(api, DistributionRegistry.User, "not-the-password"));
        using var services = Services(fixture.Private.RegistriesConf(credentials: "pullsecret:ops/wrong"), secrets);
        var image = fixture.Private.Authority + "/team/api";

        var withRegistryCredentials = await ResolveAsync(services, Request(image, ImageUpdateSettings.Default, "team-a"));
        var withPullSecret = await ResolveAsync(services, Request(image, new ImageUpdateSettings { PullSecret = "pullsecret:team-a/regcred" }, "team-a"));

        Assert.Equal(UpdateErrorKind.Unauthorized, withRegistryCredentials.Error?.Kind);
        Assert.Null(withPullSecret.Error);
        Assert.Equal("2.1", withPullSecret.Selected?.Name);
    }

    [Theory]
    [InlineData("pullsecret:team-b/regcred")]
    [InlineData("secret:team-b/creds#token")]
    public async Task A_pull_secret_from_another_namespace_is_refused(string pullSecret)
    {
        var api = fixture.Private.BaseUri.GetLeftPart(UriPartial.Authority);
        var secrets = new InMemorySecretReader()
            .Set("team-b", "regcred", PullSecret(api, DistributionRegistry.User, DistributionRegistry.Password))
            .Set("team-b", "creds", new Dictionary<string, string> { ["token"] = DistributionRegistry.User + ":" + DistributionRegistry.Password });
        using var services = Services(fixture.Private.RegistriesConf(), secrets);
        var image = fixture.Private.Authority + "/team/api";

        var refused = await ResolveAsync(services, Request(image, new ImageUpdateSettings { PullSecret = pullSecret }, "team-a"));
        var own = await ResolveAsync(services, Request(image, new ImageUpdateSettings { PullSecret = pullSecret }, "team-b"));

        Assert.Equal(UpdateErrorKind.Credentials, refused.Error?.Kind);
        Assert.Contains("'team-b'", refused.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("'team-a'", refused.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(DistributionRegistry.Password, refused.Error.Message, StringComparison.Ordinal);
        Assert.Null(own.Error);
        Assert.Equal("2.1", own.Selected?.Name);
    }
}
