using System.Text.RegularExpressions;
using ImageUpdater.Cli.Tests.RegistryQueries;
using ImageUpdater.Testing;

namespace ImageUpdater.Cli.Tests.Face;

/// <summary>
/// Errors of <c>test</c> and <c>run</c>: one line that names the input, with no .NET type name, no "inner exception"
/// and no cause said twice.
/// </summary>
public sealed partial class ErrorLineTests(PublicRegistryFixture registry) : IClassFixture<PublicRegistryFixture>, IDisposable
{
    private readonly TemporaryFolder _folder = new("error-lines-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public Task Test_with_a_missing_registries_conf() =>
        AssertOneLineAsync(2, "registries.missing.conf", "test", registry.Image("acme/web"), "--registries-conf", Path.Combine(_folder.Path, "registries.missing.conf"));

    [Fact]
    public Task Test_with_a_registries_conf_that_is_not_yaml() =>
        AssertOneLineAsync(2, "broken.conf", "test", registry.Image("acme/web"), "--registries-conf", _folder.WriteFile("broken.conf", "registries: [ {name: x\n  prefix: : :\n"));

    [Fact]
    public Task Test_with_a_missing_tag_file() =>
        AssertOneLineAsync(null, "no-such-tags.txt", "test", "nginx", "--tags-from", Path.Combine(_folder.Path, "no-such-tags.txt"));

    [Fact]
    public Task Test_with_a_malformed_credentials_spec() =>
        AssertOneLineAsync(2, "bogus", "test", registry.Image("acme/web"), "--registries-conf", registry.RegistriesConf, "--credentials", "bogus:x");

    [Fact]
    public Task Test_against_a_registry_that_does_not_answer()
    {
        var conf = _folder.WriteFile("closed.conf", "registries:\n- name: closed\n  prefix: 127.0.0.1:9\n  api_url: http://127.0.0.1:9\n");
        return AssertOneLineAsync(1, "127.0.0.1:9", "test", "127.0.0.1:9/acme/web", "--registries-conf", conf);
    }

    [Fact]
    public Task Test_with_a_repository_that_does_not_exist() =>
        AssertOneLineAsync(1, "acme/nothing-here", "test", registry.Image("acme/nothing-here"), "--registries-conf", registry.RegistriesConf);

    [Fact]
    public Task Run_with_a_missing_registries_conf() =>
        AssertOneLineAsync(2, "registries.missing.conf", "run", "--once", "--apps", Directory.CreateDirectory(Path.Combine(_folder.Path, "apps")).FullName,
            "--registries-conf", Path.Combine(_folder.Path, "registries.missing.conf"));

    [Fact]
    public Task Run_with_a_missing_commit_message_template() =>
        AssertOneLineAsync(null, "missing.tmpl", "run", "--once", "--apps", Directory.CreateDirectory(Path.Combine(_folder.Path, "apps")).FullName,
            "--git-commit-message-path", Path.Combine(_folder.Path, "missing.tmpl"));

    private static async Task AssertOneLineAsync(int? expectedExitCode, string named, params string[] args)
    {
        var (exitCode, output, error) = await CommandLineRunner.RunAsync(args);

        Assert.True(exitCode != 0, $"exit code 0 for {string.Join(' ', args)}: {output}");
        if (expectedExitCode is { } expected)
        {
            Assert.True(exitCode == expected, $"exit code {exitCode}, expected {expected}: {error}");
        }

        var errors = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(static l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(errors);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.False(TypeName().IsMatch(line), "a .NET type name: " + line);
        Assert.DoesNotContain("inner exception", line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" at ImageUpdater.", error, StringComparison.Ordinal);
        var clauses = line["error: ".Length..].Split(": ").Select(static c => c.Trim().TrimEnd('.')).Where(static c => c.Length > 12).ToList();
        Assert.True(clauses.Count == clauses.Distinct(StringComparer.Ordinal).Count(), "a cause said twice: " + line);
    }

    [GeneratedRegex(@"\b(System|ImageUpdater|Microsoft|YamlDotNet)\.[A-Z]\w*(\.\w+)*|\b\w+Exception\b")]
    private static partial Regex TypeName();
}
