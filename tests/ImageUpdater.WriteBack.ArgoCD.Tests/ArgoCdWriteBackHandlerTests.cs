using ImageUpdater.Applications;
using ImageUpdater.Engine;
using ImageUpdater.Policies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageUpdater.WriteBack.ArgoCD.Tests;

public sealed class ArgoCdWriteBackHandlerTests
{
    private readonly InMemoryApplicationStore _store = new();

    private static ImageUpdatePolicy Image(string reference, ImageManifestTarget? target = null) =>
        new(ImageReference.Parse(reference), ImageUpdateSettings.Default, target ?? ImageManifestTarget.Default);

    private static ImageChange Change(ImageUpdatePolicy image, string current, string next) => new()
    {
        Image = image,
        Current = ImageReference.Parse(current),
        New = ImageReference.Parse(next),
        Selected = new TagInfo(ImageReference.Parse(next).Tag!),
    };

    private static ArgoApplication HelmApp(string name, params HelmParameter[] parameters) => new()
    {
        Name = name,
        Namespace = "argocd",
        Source = new ApplicationSource { RepositoryUrl = "https://example.test/charts.git", Path = "web", Helm = new HelmSource { Parameters = parameters } },
    };

    private ApplicationChangeSet ChangeSet(ArgoApplication application, IReadOnlyList<ImageUpdatePolicy> images, IReadOnlyList<ImageChange> changes, IReadOnlyList<ImageChange>? upToDate = null)
    {
        _store.Put(application);
        return new ApplicationChangeSet
        {
            Policy = new ApplicationUpdatePolicy
            {
                Application = application,
                Images = images,
                Source = ApplicationSourceSelector.Select(application)!,
                Origin = "annotations",
            },
            Changes = changes,
            UpToDate = upToDate ?? [],
        };
    }

    private ArgoCdWriteBackHandler Handler(int maxAttempts = 3) => new(_store, Options.Create(new ArgoCdWriteBackOptions { MaxAttempts = maxAttempts }));

    [Fact]
    public async Task Helm_parameters_are_set_as_the_reference_sets_them_with_up_to_date_images_in_configuration_order()
    {
        var web = Image("ghcr.io/acme/web", new ImageManifestTarget { HelmImageName = "web.repo", HelmImageTag = "web.tag" });
        var worker = Image("ghcr.io/acme/worker", new ImageManifestTarget { HelmImageSpec = "worker.image" });
        var app = HelmApp("shop", new HelmParameter("replicas", "2"), new HelmParameter("web.tag", "1.0", ForceString: true));
        var changeSet = ChangeSet(app, [worker, web], [Change(web, "ghcr.io/acme/web:1.0", "ghcr.io/acme/web:1.1")], [Change(worker, "ghcr.io/acme/worker:3.0", "ghcr.io/acme/worker:3.0")]);

        var results = await Handler().WriteAsync([changeSet], TestContext.Current.CancellationToken);

        Assert.Equal(WriteBackOutcome.Written, Assert.Single(results).Outcome);
        Assert.Equal("version 2", results[0].Detail);
        Assert.Equal(
            ["replicas=2:False", "web.tag=1.1:True", "worker.image=ghcr.io/acme/worker:3.0:True", "web.repo=ghcr.io/acme/web:True"],
            _store.Get("shop").Source!.Helm!.Parameters.Select(p => $"{p.Name}={p.Value}:{p.ForceString}"));
        var update = Assert.Single(_store.Updates);
        Assert.Equal(-1, update.SourceIndex);
        Assert.Equal("updates image acme/web tag '1.0' to '1.1'\n", update.Description);
    }

    [Fact]
    public async Task Nothing_is_written_when_the_spec_already_holds_every_value()
    {
        var web = Image("nginx");
        var app = HelmApp("shop", new HelmParameter("image.name", "nginx", true), new HelmParameter("image.tag", "1.27", true));
        var changeSet = ChangeSet(app, [web], [Change(web, "nginx:1.26", "nginx:1.27")]);

        var results = await Handler().WriteAsync([changeSet], TestContext.Current.CancellationToken);

        Assert.Equal(WriteBackOutcome.NoChange, Assert.Single(results).Outcome);
        Assert.Empty(_store.Updates);
    }

    [Fact]
    public async Task Kustomize_images_of_the_selected_source_of_a_multi_source_application_are_replaced()
    {
        var web = Image("ghcr.io/acme/web", new ImageManifestTarget { KustomizeImageName = "web" });
        var app = new ArgoApplication
        {
            Name = "shop",
            Sources =
            [
                new ApplicationSource { RepositoryUrl = "https://example.test/values.git", Ref = "values" },
                new ApplicationSource { RepositoryUrl = "https://example.test/deploy.git", Kustomize = new KustomizeSource { Images = ["redis:7", "web=ghcr.io/acme/web:1.0"] } },
            ],
        };
        var changeSet = ChangeSet(app, [web], [Change(web, "ghcr.io/acme/web:1.0", "ghcr.io/acme/web:1.1")]);

        var results = await Handler().WriteAsync([changeSet], TestContext.Current.CancellationToken);

        Assert.Equal(WriteBackOutcome.Written, Assert.Single(results).Outcome);
        Assert.Equal(1, Assert.Single(_store.Updates).SourceIndex);
        Assert.Equal(["redis:7", "web=ghcr.io/acme/web:1.1"], _store.Get("shop").Sources[1].Kustomize!.Images);
    }

    [Fact]
    public async Task A_conflict_reads_the_application_again_and_reapplies_the_change_on_what_it_holds_now()
    {
        var web = Image("nginx");
        var changeSet = ChangeSet(HelmApp("shop", new HelmParameter("image.tag", "1.26", true)), [web], [Change(web, "nginx:1.26", "nginx:1.27")]);
        _store.ChangeBeforeNextUpdates = 2;

        var results = await Handler(maxAttempts: 3).WriteAsync([changeSet], TestContext.Current.CancellationToken);

        Assert.Equal(WriteBackOutcome.Written, Assert.Single(results).Outcome);
        // One read for the version the cycle's copy lacks, one after each conflict.
        Assert.Equal(3, _store.Reads);
        var stored = _store.Get("shop");
        Assert.Equal("2", stored.Labels["touched"]);
        Assert.Equal(["image.tag=1.27", "image.name=nginx"], stored.Source!.Helm!.Parameters.Select(p => p.Name + "=" + p.Value));
    }

    [Fact]
    public async Task Conflicts_on_every_attempt_fail_the_application_after_the_configured_attempts()
    {
        var web = Image("nginx");
        var changeSet = ChangeSet(HelmApp("shop"), [web], [Change(web, "nginx:1.26", "nginx:1.27")]);
        _store.ChangeBeforeNextUpdates = 3;

        var results = await Handler(maxAttempts: 3).WriteAsync([changeSet], TestContext.Current.CancellationToken);

        var result = Assert.Single(results);
        Assert.Equal(WriteBackOutcome.Failed, result.Outcome);
        Assert.Contains("3 time(s) in a row", result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("Application argocd/shop is at version 4", result.Error.Message, StringComparison.Ordinal);
        Assert.Empty(_store.Updates);
    }

    [Fact]
    public async Task A_failure_of_one_application_leaves_the_others_written()
    {
        var web = Image("nginx");
        var failing = ChangeSet(HelmApp("broken"), [web], [Change(web, "nginx:1.26", "nginx:1.27")]);
        var working = ChangeSet(HelmApp("shop"), [web], [Change(web, "nginx:1.26", "nginx:1.27")]);
        var missing = ChangeSet(HelmApp("gone"), [web], [Change(web, "nginx:1.26", "nginx:1.27")]) with { };
        _store.Failing.Add("broken");
        var unknown = missing with { Policy = missing.Policy with { Application = HelmApp("unknown") } };

        var results = await Handler().WriteAsync([failing, working, unknown], TestContext.Current.CancellationToken);

        Assert.Equal([WriteBackOutcome.Failed, WriteBackOutcome.Written, WriteBackOutcome.Failed], results.Select(r => r.Outcome));
        Assert.Equal("Application argocd/broken: forbidden", results[0].Error!.Message);
        Assert.Equal("Application argocd/unknown not found.", results[2].Error!.Message);
        Assert.Equal("shop", Assert.Single(_store.Updates).Application.Name);
    }

    [Fact]
    public async Task A_plugin_source_is_a_failure_naming_the_application()
    {
        var web = Image("nginx");
        var app = new ArgoApplication { Name = "cmp", Source = new ApplicationSource { Plugin = new PluginSource { Name = "tanka" } } };
        var changeSet = ChangeSet(app, [web], [Change(web, "nginx:1.26", "nginx:1.27")]);

        var result = Assert.Single(await Handler().WriteAsync([changeSet], TestContext.Current.CancellationToken));

        Assert.Equal(WriteBackOutcome.Failed, result.Outcome);
        Assert.Equal("Application cmp: the argocd write-back sets Helm parameters or Kustomize images, and the source is Plugin.", result.Error!.Message);
    }

    [Fact]
    public void AddArgoCdWriteBack_registers_one_handler_for_the_argocd_method_and_rejects_zero_attempts()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IApplicationStore>(_store);
        services.AddImageUpdater().AddArgoCdWriteBack().AddArgoCdWriteBack(o => o.MaxAttempts = 0);
        using var provider = services.BuildServiceProvider();

        Assert.Equal(WriteBackMethod.ArgoCd, Assert.Single(provider.GetServices<IWriteBackHandler>()).Method);
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ArgoCdWriteBackOptions>>().Value);
        Assert.Contains("MaxAttempts", error.Message, StringComparison.Ordinal);
    }
}
