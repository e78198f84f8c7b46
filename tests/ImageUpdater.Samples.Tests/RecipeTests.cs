using System.Text.Json;
using ImageUpdater.Engine;
using ImageUpdater.Samples.Embedding;
using ImageUpdater.Strategies;
using ImageUpdater.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageUpdater.Samples.Tests;

/// <summary>The recipes of docs/embedding.md do what the page says, in a real cycle against a real registry.</summary>
public sealed class RecipeTests(SampleRegistryFixture registry) : IClassFixture<SampleRegistryFixture>
{
    [Fact]
    public async Task A_withdrawn_tag_is_never_chosen_and_the_audit_handler_records_the_change_instead_of_editing_the_application()
    {
        using var folder = new TemporaryFolder("recipes-");
        var text = registry.Application("web", "^1", "1.0.0");
        var application = folder.WriteFile("apps/web.yaml", text);
        var audit = Path.Combine(folder.Path, "audit.jsonl");
        var services = new ServiceCollection();
        services.AddImageUpdater()
            .AddTagStrategies()
            .AddRegistryClient(configureRegistries: r => r.ConfigurationPath = registry.RegistriesConf)
            .DecorateTagLister((inner, _) => new WithdrawnTagsLister(inner, ["1.2.0"]))
            .AddRegistryCredentials()
            .AddFileApplications(Path.Combine(folder.Path, "apps"))
            .AddRepositoryLiveImages()
            .AddArgoCdWriteBack()
            .AddFileApplicationStore(o => o.Directory = Path.Combine(folder.Path, "apps"));
        services.AddSingleton<IWriteBackHandler>(new AuditLogWriteBackHandler(audit));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var result = await provider.GetRequiredService<UpdateEngine>().RunCycleAsync(cancellationToken: TestContext.Current.CancellationToken);

        var app = Assert.Single(result.Applications);
        Assert.True(app.Outcome == ApplicationOutcome.Updated, string.Join("; ", app.Errors.Select(e => e.Message).Concat(app.Images.Select(i => i.Reason ?? i.Error?.Message))));
        Assert.Equal($"{registry.Web}:1.1.0", app.Images[0].Selected);
        Assert.Equal("appended to audit.jsonl", app.WriteBack);
        using var line = JsonDocument.Parse(Assert.Single(await File.ReadAllLinesAsync(audit, TestContext.Current.CancellationToken)));
        Assert.Equal("argocd/web", line.RootElement.GetProperty("application").GetString());
        Assert.Equal("1.0.0", line.RootElement.GetProperty("from").GetString());
        Assert.Equal("1.1.0", line.RootElement.GetProperty("to").GetString());
        Assert.Equal(text, await File.ReadAllTextAsync(application, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void The_calendar_strategy_picks_the_newest_date_by_name()
    {
        var services = new ServiceCollection();
        services.AddImageUpdater().AddTagStrategies().AddTagStrategy<CalendarVersionStrategy>();
        using var provider = services.BuildServiceProvider();
        var selector = provider.GetRequiredService<TagSelector>();

        var outcome = selector.Select(
            [new("2025.01.15"), new("2024.11.02"), new("2025.1.9"), new("latest")],
            new ImageUpdateSettings { Strategy = CalendarVersionStrategy.StrategyName });

        Assert.Equal("2025.01.15", outcome.Tag?.Name);
    }

    [Fact]
    public void DecorateTagLister_before_AddRegistryClient_says_what_to_do()
    {
        var services = new ServiceCollection();
        var failure = Assert.Throws<InvalidOperationException>(() => services.AddImageUpdater().DecorateTagLister((inner, _) => inner));
        Assert.Contains("AddRegistryClient()", failure.Message, StringComparison.Ordinal);
    }
}
