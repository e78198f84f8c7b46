using System.Text.Json;

namespace ImageUpdater.Cli.Tests.RegistryQueries;

/// <summary><c>image-updater test</c> without <c>--tags-from</c>: every strategy against a real docker-registry.</summary>
public sealed class RegistryQueryTests(PublicRegistryFixture fixture) : IClassFixture<PublicRegistryFixture>
{
    [Theory]
    [InlineData("^1.0", "1.2.0")]
    [InlineData("~1.0", "1.0.0")]
    [InlineData(">=2.0.0-0", "2.0.0-rc.1")]
    [InlineData("*", "1.2.0")]
    public async Task Semver_picks_the_highest_pushed_version_within_the_constraint(string constraint, string expected)
    {
        var json = await RunJsonAsync("acme/web", "--semver-constraint", constraint);

        AssertChosen(json, fixture.Image("acme/web") + ":" + expected, expected, "semver");
    }

    [Fact]
    public async Task Semver_is_the_default_and_prints_text()
    {
        var (exitCode, output, error) = await CommandLineRunner.RunAsync(
            "test", fixture.Image("acme/web"), "--registries-conf", fixture.RegistriesConf, "--semver-constraint", "1.1.x");

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        Assert.Equal($"latest image according to constraint is {fixture.Image("acme/web")}:1.1.0", output.Trim());
    }

    [Fact]
    public async Task Newest_build_picks_by_the_config_created_time_and_fills_the_digest()
    {
        var json = await RunJsonAsync("acme/builds", "--update-strategy", "newest-build", "--allow-tags", "regexp:^main-", "--platforms", "linux/amd64");

        AssertChosen(json, $"{fixture.Image("acme/builds")}:main-bbb@{fixture.NewestBuildDigest}", "main-bbb", "newest-build");
        Assert.Equal(fixture.NewestBuildDigest, json.GetProperty("digest").GetString());
    }

    [Fact]
    public async Task Newest_build_without_a_filter_takes_the_newest_of_all_tags()
    {
        var json = await RunJsonAsync("acme/builds", "--update-strategy", "newest-build", "--platforms", "linux/amd64");

        Assert.Equal("feature-zzz", json.GetProperty("tag").GetString());
    }

    [Fact]
    public async Task Digest_strategy_returns_the_watched_tag_pinned_to_its_manifest_digest()
    {
        var json = await RunJsonAsync("acme/web", "--update-strategy", "digest", "--semver-constraint", "latest");

        Assert.StartsWith("sha256:", fixture.WebLatestDigest, StringComparison.Ordinal);
        AssertChosen(json, $"{fixture.Image("acme/web")}:latest@{fixture.WebLatestDigest}", "latest", "digest");
        Assert.Equal(fixture.WebLatestDigest, json.GetProperty("digest").GetString());
    }

    [Fact]
    public async Task A_multi_arch_index_is_chosen_only_for_a_platform_it_carries()
    {
        var arm64 = await RunJsonAsync("acme/multi", "--update-strategy", "newest-build", "--platforms", "linux/arm64");
        var amd64 = await RunJsonAsync("acme/multi", "--update-strategy", "newest-build", "--platforms", "linux/amd64");
        var either = await RunJsonAsync("acme/multi", "--update-strategy", "newest-build", "--platforms", "linux/arm64,linux/s390x");

        Assert.Equal("1.0", arm64.GetProperty("tag").GetString());
        Assert.Equal(fixture.MultiIndexDigest, arm64.GetProperty("digest").GetString());
        Assert.Equal("1.1", amd64.GetProperty("tag").GetString());
        Assert.Equal(fixture.MultiAmd64Digest, amd64.GetProperty("digest").GetString());
        Assert.Equal("1.0", either.GetProperty("tag").GetString());
    }

    [Fact]
    public async Task A_platform_no_image_carries_leaves_no_tag_and_succeeds()
    {
        var json = await RunJsonAsync("acme/multi", "--update-strategy", "newest-build", "--platform", "linux/s390x");

        Assert.Equal(JsonValueKind.Null, json.GetProperty("tag").ValueKind);
        Assert.Equal(fixture.Image("acme/multi"), json.GetProperty("image").GetString());
        Assert.Equal(2, json.GetProperty("funnel").GetProperty("listed").GetInt32());
        Assert.Equal(2, json.GetProperty("funnel").GetProperty("removedByPlatform").GetInt32());
        Assert.Equal("2 tags listed, 2 without an image for the wanted platforms", json.GetProperty("reason").GetString());
        Assert.Equal(["1.0", "1.1"], json.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("tag").GetString()).Order());
    }

    [Fact]
    public async Task A_platform_no_image_carries_is_named_in_the_text_with_each_skipped_tag()
    {
        var (exitCode, output, error) = await CommandLineRunner.RunAsync(
            "test", fixture.Image("acme/multi"), "--registries-conf", fixture.RegistriesConf, "--update-strategy", "newest-build", "--platforms", "linux/s390x");

        Assert.True(exitCode == 0, error);
        var lines = NonEmptyLines(output);
        Assert.Equal($"no tag of {fixture.Image("acme/multi")} qualifies under the newest-build strategy: 2 tags listed, 2 without an image for the wanted platforms", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.All(lines.Skip(1), line => Assert.StartsWith("skipped 1.", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_default_entry_in_registries_conf_serves_images_without_a_registry()
    {
        var conf = fixture.WriteFile("default.conf", $"""
            registries:
            - name: local default
              api_url: {fixture.Registry.BaseUri.GetLeftPart(UriPartial.Authority)}
              prefix: local.test
              default: true
            """);

        var (exitCode, output, error) = await CommandLineRunner.RunAsync(
            "test", "acme/web", "--registries-conf", conf, "--semver-constraint", "^1.0", "-o", "json");

        Assert.True(exitCode == 0, error);
        Assert.Equal("acme/web:1.2.0", JsonDocument.Parse(output).RootElement.GetProperty("image").GetString());
    }

    [Fact]
    public async Task Without_registries_conf_a_registry_host_is_reached_over_https()
    {
        // No entry: the endpoint is inferred as https://127.0.0.1:PORT, and the fixture speaks only plain HTTP.
        var (exitCode, output, error) = await CommandLineRunner.RunAsync("test", fixture.Image("acme/web"));

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Single(NonEmptyLines(error));
        Assert.Contains("https://" + fixture.Registry.Authority, error, StringComparison.Ordinal);
        Assert.Contains("TLS handshake failed", error, StringComparison.Ordinal);
        Assert.DoesNotContain("inner exception", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("50")]
    [InlineData("0")]
    public async Task Rate_limit_is_accepted(string rateLimit)
    {
        var json = await RunJsonAsync("acme/web", "--rate-limit", rateLimit, "--semver-constraint", "^1.0");

        Assert.Equal("1.2.0", json.GetProperty("tag").GetString());
    }

    [Fact]
    public async Task A_low_rate_limit_spaces_the_requests_out()
    {
        // A ping and a tag list at half a request per second: the second waits about two seconds. Only the lower
        // bound is asserted, so a slow machine cannot fail it.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var json = await RunJsonAsync("acme/web", "--rate-limit", "0.5", "--semver-constraint", "^1.0");

        Assert.Equal("1.2.0", json.GetProperty("tag").GetString());
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_rate_limit_that_is_not_a_number_exits_2()
    {
        var (exitCode, output, error) = await CommandLineRunner.RunAsync(
            "test", fixture.Image("acme/web"), "--registries-conf", fixture.RegistriesConf, "--rate-limit", "fast");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains("fast", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_repository_exits_1_naming_registry_repository_and_404()
    {
        var (exitCode, output, error) = await CommandLineRunner.RunAsync(
            "test", fixture.Image("acme/nope"), "--registries-conf", fixture.RegistriesConf);

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(NonEmptyLines(error));
        Assert.Contains(fixture.Registry.Authority, line, StringComparison.Ordinal);
        Assert.Contains("acme/nope", line, StringComparison.Ordinal);
        Assert.Contains("404", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_registries_conf_exits_2_naming_the_file_line_and_key()
    {
        var conf = fixture.WriteFile("bad.conf", $"""
            registries:
            - name: local
              api_url: {fixture.Registry.BaseUri.GetLeftPart(UriPartial.Authority)}
              prefix: {fixture.Registry.Authority}
              colour: blue
            """);

        var (exitCode, output, error) = await CommandLineRunner.RunAsync("test", fixture.Image("acme/web"), "--registries-conf", conf);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(NonEmptyLines(error));
        Assert.Contains(conf + ":5:", line, StringComparison.Ordinal);
        Assert.Contains("colour", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_registries_conf_exits_2_naming_the_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "registries.conf");

        var (exitCode, output, error) = await CommandLineRunner.RunAsync("test", fixture.Image("acme/web"), "--registries-conf", missing);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains(missing, Assert.Single(NonEmptyLines(error)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_strategy_that_needs_metadata_still_refuses_a_tag_list()
    {
        var tags = fixture.WriteFile("tags.txt", "main-aaa\nmain-bbb\n");

        var (exitCode, _, error) = await CommandLineRunner.RunAsync(
            "test", fixture.Image("acme/builds"), "--registries-conf", fixture.RegistriesConf, "--update-strategy", "newest-build", "--tags-from", tags);

        Assert.Equal(2, exitCode);
        Assert.Contains("--tags-from", error, StringComparison.Ordinal);
    }

    private async Task<JsonElement> RunJsonAsync(string repository, params string[] options)
    {
        var (exitCode, output, error) = await CommandLineRunner.RunAsync(
            ["test", fixture.Image(repository), "--registries-conf", fixture.RegistriesConf, "-o", "json", .. options]);
        Assert.True(exitCode == 0, $"exit code {exitCode}: {error}");
        Assert.Equal(string.Empty, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static void AssertChosen(JsonElement json, string image, string tag, string strategy)
    {
        Assert.Equal(image, json.GetProperty("image").GetString());
        Assert.Equal(tag, json.GetProperty("tag").GetString());
        Assert.Equal(strategy, json.GetProperty("strategy").GetString());
    }

    private static string[] NonEmptyLines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
