using ImageUpdater.Samples.Host;
using ImageUpdater.Testing;

namespace ImageUpdater.Samples.Tests;

/// <summary>The host sample, configured from the command line as a user would, against a real registry.</summary>
public sealed class HostSampleTests(SampleRegistryFixture registry) : IClassFixture<SampleRegistryFixture>
{
    [Fact]
    public async Task Dry_run_by_default_reports_the_update_and_writes_nothing()
    {
        using var apps = new TemporaryFolder("host-sample-");
        var text = registry.Application("web", "^1", "1.0.0");
        var file = apps.WriteFile("web.yaml", text);
        using var output = new StringWriter();

        var exitCode = await SampleHost.RunAsync(
            [$"--ImageUpdater:Applications:Directory={apps.Path}", $"--ImageUpdater:Registries:ConfigurationPath={registry.RegistriesConf}"],
            output);

        Assert.True(exitCode == 0, output.ToString());
        Assert.Contains($"argocd/web: Updated", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"{registry.Web}:1.0.0 -> {registry.Web}:1.2.0 (dry run)", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(text, await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task With_dry_run_off_the_application_file_is_updated()
    {
        using var apps = new TemporaryFolder("host-sample-");
        var file = apps.WriteFile("web.yaml", registry.Application("web", "~1.1", "1.1.0-rc.1"));
        using var output = new StringWriter();

        var exitCode = await SampleHost.RunAsync(
            [$"--ImageUpdater:Applications:Directory={apps.Path}", $"--ImageUpdater:Registries:ConfigurationPath={registry.RegistriesConf}", "--ImageUpdater:DryRun=false"],
            output);

        Assert.True(exitCode == 0, output.ToString());
        Assert.Contains("value: \"1.1.0\"", await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("1 of 1 image(s) updated", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_registries_conf_is_reported_before_any_request()
    {
        using var apps = new TemporaryFolder("host-sample-");
        using var output = new StringWriter();

        var exitCode = await SampleHost.RunAsync(
            [$"--ImageUpdater:Applications:Directory={apps.Path}", $"--ImageUpdater:Registries:ConfigurationPath={apps.Path}/missing.conf"],
            output);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("invalid configuration: ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("missing.conf", output.ToString(), StringComparison.Ordinal);
    }
}
