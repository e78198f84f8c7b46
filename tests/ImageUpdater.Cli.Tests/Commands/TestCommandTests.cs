using System.Text.Json;

namespace ImageUpdater.Cli.Tests.Commands;

public sealed class TestCommandTests : IDisposable
{
    private const string Tags = "1.24.0\n1.25.0\n1.25.3\n1.25.4-rc.1\n1.26.0-alpine\nv1.26.1\n1.26.2\n1.27.0-rc.2\n2.0.0\nlatest\n";
    private readonly string _tagFile = Path.GetTempFileName();

    public TestCommandTests() => File.WriteAllText(_tagFile, Tags);

    public void Dispose() => File.Delete(_tagFile);

    [Fact]
    public async Task Prints_the_chosen_tag_as_one_JSON_object()
    {
        var (exitCode, output, error) = await CommandLineRunner.RunAsync(
            "test", "ghcr.io/acme/web", "--tags-from", _tagFile, "--semver-constraint", "~1.25", "--output", "json");

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("ghcr.io/acme/web:1.25.3", json.RootElement.GetProperty("image").GetString());
        Assert.Equal("1.25.3", json.RootElement.GetProperty("tag").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("digest").ValueKind);
        Assert.Equal("semver", json.RootElement.GetProperty("strategy").GetString());
    }

    [Fact]
    public async Task Reads_tags_from_standard_input_and_applies_filters()
    {
        var (exitCode, output, _) = await CommandLineRunner.RunWithInputAsync(
            Tags, "test", "nginx", "--tags-from", "-", "--semver-constraint", ">=1.26.0-0", "--ignore-tags", "*-alpine", "--ignore-tags", "2.*", "-o", "json");

        Assert.Equal(0, exitCode);
        Assert.Equal("1.27.0-rc.2", JsonDocument.Parse(output).RootElement.GetProperty("tag").GetString());
    }

    [Fact]
    public async Task Reports_a_null_tag_with_success_when_nothing_qualifies()
    {
        var (exitCode, output, _) = await CommandLineRunner.RunAsync(
            "test", "nginx", "--tags-from", _tagFile, "--semver-constraint", "^9", "-o", "json");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("tag").ValueKind);
        Assert.Equal("nginx", json.RootElement.GetProperty("image").GetString());
    }

    [Fact]
    public async Task Prints_text_by_default()
    {
        var (exitCode, output, _) = await CommandLineRunner.RunAsync("test", "nginx", "--tags-from", _tagFile);

        Assert.Equal(0, exitCode);
        Assert.Equal("latest image according to constraint is nginx:2.0.0", output.Trim());
    }

    [Fact]
    public async Task Uses_alphabetical_order_and_warns_about_the_deprecated_alias()
    {
        var (exitCode, output, error) = await CommandLineRunner.RunAsync(
            "test", "nginx", "--tags-from", _tagFile, "--update-strategy", "name", "--allow-tags", "regexp:^[0-9]", "-o", "json");

        Assert.Equal(0, exitCode);
        Assert.Equal("2.0.0", JsonDocument.Parse(output).RootElement.GetProperty("tag").GetString());
        Assert.Contains("deprecated", error, StringComparison.Ordinal);
        Assert.Equal("alphabetical", JsonDocument.Parse(output).RootElement.GetProperty("strategy").GetString());
    }

    [Fact]
    public async Task An_invalid_constraint_exits_2_with_the_constraint_in_one_line()
    {
        var (exitCode, output, error) = await CommandLineRunner.RunAsync(
            "test", "nginx", "--tags-from", _tagFile, "--semver-constraint", "~>>1");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains("~>>1", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task An_unknown_option_exits_2()
    {
        var (exitCode, _, error) = await CommandLineRunner.RunAsync("test", "nginx", "--bogus");

        Assert.Equal(2, exitCode);
        Assert.Contains("--bogus", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("newest-build")]
    [InlineData("digest")]
    public async Task A_strategy_that_needs_registry_metadata_exits_2_with_a_tag_file(string strategy)
    {
        var (exitCode, _, error) = await CommandLineRunner.RunAsync(
            "test", "nginx", "--tags-from", _tagFile, "--update-strategy", strategy, "--semver-constraint", "latest");

        Assert.Equal(2, exitCode);
        Assert.Contains("registry", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_tag_file_name_exits_2_with_one_line()
    {
        var (exitCode, output, error) = await CommandLineRunner.RunAsync("test", "nginx", "--tags-from", string.Empty);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains("--tags-from", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Refuses_build_metadata_in_a_tag_as_registries_do()
    {
        // '+' is outside the distribution tag grammar: no registry can hold 2.0.1+build.
        var (exitCode, output, error) = await CommandLineRunner.RunWithInputAsync("2.0.1+build\n", "test", "nginx", "--tags-from", "-", "-o", "json");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains("line 1 is not a tag name", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_no_tag_qualifies_the_text_says_which_step_removed_how_many()
    {
        var (exitCode, output, error) = await CommandLineRunner.RunAsync(
            "test", "nginx", "--tags-from", _tagFile, "--allow-tags", "regexp:^(1|l)", "--ignore-tags", "*-alpine", "--semver-constraint", "^9");

        Assert.True(exitCode == 0, error);
        Assert.Equal(
            "no tag of nginx qualifies under the semver strategy: 10 tags listed, 2 removed by allow-tags, 1 removed by ignore-tags, "
                + "1 not readable by the strategy, 6 outside the constraint",
            output.Trim());
    }

    [Fact]
    public async Task When_no_tag_qualifies_the_JSON_carries_the_funnel_and_the_reason()
    {
        var (exitCode, output, error) = await CommandLineRunner.RunAsync(
            "test", "nginx", "--tags-from", _tagFile, "--allow-tags", "regexp:^(1|l)", "--ignore-tags", "*-alpine", "--semver-constraint", "^9", "-o", "json");

        Assert.True(exitCode == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(JsonValueKind.Null, json.GetProperty("tag").ValueKind);
        Assert.Equal("10 tags listed, 2 removed by allow-tags, 1 removed by ignore-tags, 1 not readable by the strategy, 6 outside the constraint", json.GetProperty("reason").GetString());
        var funnel = json.GetProperty("funnel");
        Assert.Equal(
            [10, 2, 1, 0, 1, 6, 0],
            new[] { "listed", "removedByAllowTags", "removedByIgnoreTags", "removedByPlatform", "unparseable", "outsideConstraint", "candidates" }
                .Select(name => funnel.GetProperty(name).GetInt32()));
        Assert.Equal(0, json.GetProperty("skipped").GetArrayLength());
    }

    [Fact]
    public async Task A_chosen_tag_has_a_null_reason_and_the_funnel_counts_the_candidates()
    {
        var (exitCode, output, error) = await CommandLineRunner.RunAsync("test", "nginx", "--tags-from", _tagFile, "--semver-constraint", "~1.25", "-o", "json");

        Assert.True(exitCode == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("1.25.3", json.GetProperty("tag").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("reason").ValueKind);
        Assert.Equal(10, json.GetProperty("funnel").GetProperty("listed").GetInt32());

        // 1.25.0 and 1.25.3 satisfy ~1.25; latest is not a version; the seven others are outside.
        Assert.Equal(2, json.GetProperty("funnel").GetProperty("candidates").GetInt32());
    }

    [Fact]
    public async Task A_repeated_line_is_one_tag()
    {
        var (exitCode, output, error) = await CommandLineRunner.RunWithInputAsync("1.0.0\n1.0.0\n2.0.0\n1.0.0\n", "test", "nginx", "--tags-from", "-", "--semver-constraint", "^3", "-o", "json");

        Assert.True(exitCode == 0, error);
        Assert.Equal(2, JsonDocument.Parse(output).RootElement.GetProperty("funnel").GetProperty("listed").GetInt32());
    }
}
