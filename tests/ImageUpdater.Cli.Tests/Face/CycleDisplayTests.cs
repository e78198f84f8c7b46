using ImageUpdater.Cli.Commands;
using ImageUpdater.Cli.Display;
using ImageUpdater.Cli.Tests.RegistryQueries;
using ImageUpdater.Engine;
using ImageUpdater.Testing;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ImageUpdater.Cli.Tests.Face;

/// <summary>The terminal display: progress counted from the engine's spans and the registry's meter, and the table.</summary>
public sealed class CycleDisplayTests(PublicRegistryFixture registry) : IClassFixture<PublicRegistryFixture>
{
    [Fact]
    public async Task The_live_display_counts_applications_images_and_requests_and_ends_with_a_table()
    {
        using var apps = new TemporaryFolder("display-");
        apps.WriteFile("web.yaml", Application("web", "acme/web", "~1", "1.0.0"));
        apps.WriteFile("api.yaml", Application("api", "acme/web", "~1.1", "1.1.0"));
        apps.WriteFile("gone.yaml", Application("gone", "acme/nothing-here", "~1", "1.0.0"));
        await using var services = RunServices.Build(new RunRequest { AppsDirectory = apps.Path, RegistriesConfPath = registry.RegistriesConf }, TextWriter.Null);
        var engine = services.GetRequiredService<UpdateEngine>();
        using var screen = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(screen),
        });
        console.Profile.Width = 200;
        using var progress = new CycleProgress();

        var result = await CycleDisplay.RunLiveAsync(token => engine.RunCycleAsync(new CycleOptions { DryRun = true }, token), console, TestContext.Current.CancellationToken);

        Assert.Equal(3, result.Summary.Applications);
        // Listeners are process-wide and tests run in parallel: at least this cycle's work is counted.
        Assert.True(progress.ApplicationsDone >= 3, $"applications {progress.ApplicationsDone}");
        Assert.True(progress.ImagesDone >= 3, $"images {progress.ImagesDone}");
        Assert.True(progress.RegistryRequests >= 2, $"requests {progress.RegistryRequests}");
        var text = screen.ToString();
        Assert.Contains("argocd/web", text, StringComparison.Ordinal);
        Assert.Contains("1.2.0", text, StringComparison.Ordinal);
        Assert.Contains("argocd/api", text, StringComparison.Ordinal);
        Assert.Contains("already runs", text, StringComparison.Ordinal);
        Assert.Contains("failed", text, StringComparison.Ordinal);
        Assert.Contains("3 application(s): 1 updated, 1 unchanged, 1 failed", text, StringComparison.Ordinal);
        Assert.Contains("Would be (dry run)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_status_line_names_what_is_counted()
    {
        using var progress = new CycleProgress();

        var line = CycleDisplay.Describe(progress, TimeSpan.FromSeconds(1.25));

        Assert.Matches(@"^Update cycle: \[bold\]\d+\[/\] application\(s\), \[bold\]\d+\[/\] image\(s\) done, \[bold\]\d+\[/\] request\(s\), 1\.[23] s$", line);
        // An 80-column terminal holds it with the spinner (2) and room for larger counts (8 more digits).
        Assert.True(Spectre.Console.Markup.Remove(line).Length <= 80 - 2 - 8, line);
    }

    [Fact]
    public async Task Redirected_output_gets_the_plain_result_without_any_display()
    {
        using var apps = new TemporaryFolder("display-");
        apps.WriteFile("web.yaml", Application("web", "acme/web", "~1", "1.0.0"));

        var (exitCode, output, error) = await CommandLineRunner.RunAsync("run", "--once", "--dry-run", "--apps", apps.Path, "--registries-conf", registry.RegistriesConf);

        Assert.True(exitCode == 0, error);
        Assert.StartsWith("argocd/web: updated", output, StringComparison.Ordinal);
        Assert.DoesNotContain("│", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output + error, StringComparison.Ordinal);
    }

    private string Application(string name, string repository, string constraint, string tag) => $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {name}
          namespace: argocd
          annotations:
            argocd-image-updater.argoproj.io/image-list: {registry.Image(repository)}:{constraint}
            argocd-image-updater.argoproj.io/force-update: "true"
        spec:
          project: default
          source:
            repoURL: https://example.test/charts.git
            path: charts/{name}
            helm:
              parameters:
                - name: image.name
                  value: {registry.Image(repository)}
                - name: image.tag
                  value: "{tag}"
        """;
}
