using ImageUpdater.Engine;
using ImageUpdater.Policies;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using static ImageUpdater.Core.Tests.Engine.EngineFakes;

namespace ImageUpdater.Core.Tests.Engine;

public sealed class UpdateEngineTests
{
    private static readonly Digest Old = Digest.Sha256Of("old"u8);
    private static readonly Digest New = Digest.Sha256Of("new"u8);

    [Fact]
    public async Task A_live_image_with_a_newer_tag_is_handed_to_the_write_back_and_reported_updated()
    {
        var resolver = Resolver.Tags(_ => new TagInfo("1.26.0"));
        var handler = new Handler(WriteBackMethod.ArgoCd);
        var engine = NewEngine([App("web", "nginx", "nginx:1.25.3")], resolver, handler);

        var result = await engine.RunCycleAsync(cancellationToken: TestContext.Current.CancellationToken);

        var app = Assert.Single(result.Applications);
        Assert.Equal(ApplicationOutcome.Updated, app.Outcome);
        Assert.Equal("commit abc", app.WriteBack);
        var image = Assert.Single(app.Images);
        Assert.True(image.Updated);
        Assert.Equal("nginx:1.25.3", image.Current);
        Assert.Equal("nginx:1.26.0", image.Selected);
        var change = Assert.Single(Assert.Single(Assert.Single(handler.Calls)).Changes);
        Assert.Equal("1.25.3", change.OldTag);
        Assert.Equal("1.26.0", change.NewTag);
        Assert.True(result.Succeeded);
        Assert.Equal("argocd", Assert.Single(resolver.Requests).ApplicationNamespace);
    }

    [Fact]
    public async Task An_image_the_application_does_not_run_is_skipped_without_asking_the_registry()
    {
        var resolver = Resolver.Tags(_ => new TagInfo("2.0.0"));
        var handler = new Handler(WriteBackMethod.ArgoCd);
        var engine = NewEngine([App("web", "ghcr.io/acme/web", "docker.io/acme/web:1.0.0")], resolver, handler);

        var result = await engine.RunCycleAsync(cancellationToken: TestContext.Current.CancellationToken);

        var image = Assert.Single(Assert.Single(result.Applications).Images);
        Assert.False(image.Updated);
        Assert.Contains("does not run this image", image.Reason, StringComparison.Ordinal);
        Assert.Empty(resolver.Requests);
        Assert.Empty(handler.Calls);
        Assert.Equal(ApplicationOutcome.Unchanged, result.Applications[0].Outcome);
    }

    [Fact]
    public async Task The_registry_must_match_strictly_so_an_implicit_and_an_explicit_docker_hub_are_different_images()
    {
        var resolver = Resolver.Tags(_ => new TagInfo("2.0.0"));
        var engine = NewEngine([App("web", "docker.io/library/nginx", "nginx:1.0.0")], resolver, new Handler(WriteBackMethod.ArgoCd));

        var result = await engine.RunCycleAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(Assert.Single(result.Applications[0].Images).Updated);
        Assert.Empty(resolver.Requests);
    }

    [Fact]
    public async Task Force_update_changes_an_image_the_application_does_not_run()
    {
        var handler = new Handler(WriteBackMethod.ArgoCd);
        var engine = NewEngine([App("web", "ghcr.io/acme/web", "", force: true)], Resolver.Tags(_ => new TagInfo("2.0.0")), handler);

        var result = await engine.RunCycleAsync(cancellationToken: TestContext.Current.CancellationToken);

        var image = Assert.Single(result.Applications[0].Images);
        Assert.True(image.Updated);
        Assert.Null(image.Current);
        var change = Assert.Single(handler.Calls[0][0].Changes);
        Assert.Null(change.Current);
        Assert.Equal(string.Empty, change.OldTag);
    }

    [Fact]
    public async Task Nothing_is_written_when_the_application_already_runs_the_chosen_tag()
    {
        var handler = new Handler(WriteBackMethod.ArgoCd);
        var engine = NewEngine([App("web", "nginx", "nginx:1.26.0")], Resolver.Tags(_ => new TagInfo("1.26.0")), handler);

        var result = await engine.RunCycleAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ApplicationOutcome.Unchanged, result.Applications[0].Outcome);
        Assert.Equal("already runs nginx:1.26.0", result.Applications[0].Images[0].Reason);
        Assert.Empty(handler.Calls);
    }

    [Fact]
    public async Task The_change_set_carries_the_up_to_date_live_images_too_for_override_files_that_list_every_image()
    {
        var handler = new Handler(WriteBackMethod.Git);
        var engine = NewEngine(
            [App("web", "nginx,redis,ghcr.io/acme/idle", "nginx:1.25.0,redis:7.2.0", WriteBackMethod.Git)],
            Resolver.Tags(name => new TagInfo(name == "nginx" ? "1.26.0" : "7.2.0")),
            handler);

        await engine.RunCycleAsync(cancellationToken: TestContext.Current.CancellationToken);

        var changeSet = Assert.Single(Assert.Single(handler.Calls));
        Assert.Equal("nginx:1.26.0", Assert.Single(changeSet.Changes).New.FullNameWithTag);
        var upToDate = Assert.Single(changeSet.UpToDate);
        Assert.Equal("redis:7.2.0", upToDate.New.FullNameWithTag);
        Assert.Equal(upToDate.OldTag, upToDate.NewTag);
    }

    [Fact]
    public async Task A_live_image_without_a_tag_is_updated_on_the_first_run()
    {
        var handler = new Handler(WriteBackMethod.ArgoCd);
        var engine = NewEngine([App("web", "nginx", "nginx")], Resolver.Tags(_ => new TagInfo("1.26.0")), handler);

        var result = await engine.RunCycleAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Applications[0].Images[0].Updated);
    }

    [Fact]
    public async Task No_qualifying_tag_is_a_skip_that_says_how_the_tags_were_narrowed()
    {
        var resolver = new Resolver((request, _) => Task.FromResult(new ImageResolution
        {
            Image = request.Image.Image,
            Funnel = new TagFunnel { Listed = 12, RemovedByAllowTags = 3, OutsideConstraint = 9 },
        }));
        var engine = NewEngine([App("web", "nginx", "nginx:1.0.0")], resolver, new Handler(WriteBackMethod.ArgoCd));

        var result = await engine.RunCycleAsync(cancellationToken: TestContext.Current.CancellationToken);

        var image = result.Applications[0].Images[0];
        Assert.Equal("no tag qualifies: 12 tags listed, 3 removed by allow-tags, 9 outside the constraint", image.Reason);
        Assert.Null(image.Error);
        Assert.True(result.Succeeded);
        Assert.Equal(1, result.Summary.ImagesSkipped);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task The_digest_strategy_compares_digests(bool sameDigest, bool expectUpdate)
    {
        var live = "nginx:latest@" + (sameDigest ? New : Old);
        var handler = new Handler(WriteBackMethod.ArgoCd);
        var engine = NewEngine([App("web", "nginx", live, strategy: TagStrategyNames.Digest)], Resolver.Tags(_ => new TagInfo("latest") { Digest = New }), handler);

        var result = await engine.RunCycleAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(expectUpdate, result.Applications[0].Images[0].Updated);
        if (expectUpdate)
        {
            var change = Assert.Single(handler.Calls[0][0].Changes);
            Assert.Equal("nginx:latest@" + New, change.New.FullNameWithTag);
            Assert.Equal(New.ToString(), change.NewTag);
            Assert.Equal(Old.ToString(), change.OldTag);
        }
    }

    [Fact]
    public async Task The_digest_strategy_updates_a_live_image_referenced_by_tag_only()
    {
        var handler = new Handler(WriteBackMethod.ArgoCd);
        var engine = NewEngine([App("web", "nginx", "nginx:latest", strategy: TagStrategyNames.Digest)], Resolver.Tags(_ => new TagInfo("latest") { Digest = New }), handler);

        var result = await engine.RunCycleAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Applications[0].Images[0].Updated);
        Assert.Equal("nginx:latest@" + New, result.Applications[0].Images[0].Selected);
    }

    [Fact]
    public async Task A_dry_run_resolves_and_reports_but_calls_no_write_back()
    {
        var handler = new Handler(WriteBackMethod.Git);
        var engine = NewEngine([App("web", "nginx", "nginx:1.0.0", WriteBackMethod.Git)], Resolver.Tags(_ => new TagInfo("1.1.0")), handler);

        var result = await engine.RunCycleAsync(new CycleOptions { DryRun = true }, TestContext.Current.CancellationToken);

        Assert.Empty(handler.Calls);
        Assert.True(result.DryRun);
        var app = result.Applications[0];
        Assert.Equal(ApplicationOutcome.Updated, app.Outcome);
        Assert.Equal("would update to nginx:1.1.0 (dry run)", app.Images[0].Reason);
    }

    [Fact]
    public async Task One_bad_application_never_stops_the_others()
    {
        var badConfig = ApplicationPolicyResult.Rejected(
            new ImageUpdater.Applications.ArgoApplication { Name = "bad", Namespace = "argocd" },
            [new ConfigurationException("force-update: 'maybe' is not a boolean")]);
        var resolver = new Resolver((request, _) => Task.FromResult(request.Image.Image.Name switch
        {
            "acme/flaky" => new ImageResolution { Image = request.Image.Image, Error = new UpdateError(UpdateErrorKind.Transport, "registry ghcr.io answered 500") },
            "acme/boom" => throw new InvalidOperationException("bug"),
            _ => new ImageResolution { Image = request.Image.Image, Selected = new TagInfo("2.0.0") },
        }));
        var handler = new Handler(WriteBackMethod.Git, c => c.Policy.Application.Name == "rejected-push"
            ? WriteBackResult.Failed(c, "push to https://example.test/repo.git (main) was rejected: non-fast-forward")
            : WriteBackResult.Written(c, "commit 1"));
        var engine = NewEngine(
            [
                badConfig,
                App("flaky", "ghcr.io/acme/flaky", "ghcr.io/acme/flaky:1.0.0", WriteBackMethod.Git),
                App("boom", "ghcr.io/acme/boom", "ghcr.io/acme/boom:1.0.0", WriteBackMethod.Git),
                App("rejected-push", "ghcr.io/acme/web", "ghcr.io/acme/web:1.0.0", WriteBackMethod.Git),
                App("healthy", "ghcr.io/acme/api", "ghcr.io/acme/api:1.0.0", WriteBackMethod.Git),
            ],
            resolver,
            handler);

        var result = await engine.RunCycleAsync(cancellationToken: TestContext.Current.CancellationToken);

        var byName = result.Applications.ToDictionary(a => a.Name);
        Assert.Equal(ApplicationOutcome.Rejected, byName["bad"].Outcome);
        Assert.Equal(UpdateErrorKind.Configuration, byName["bad"].Errors[0].Kind);
        Assert.Equal(ApplicationOutcome.Failed, byName["flaky"].Outcome);
        Assert.Equal(UpdateErrorKind.Transport, byName["flaky"].Images[0].Error!.Kind);
        Assert.Equal("Application argocd/flaky: image ghcr.io/acme/flaky: registry ghcr.io answered 500", byName["flaky"].Images[0].Error!.Message);
        Assert.Equal(UpdateErrorKind.Internal, byName["boom"].Images[0].Error!.Kind);
        Assert.Equal(ApplicationOutcome.Failed, byName["rejected-push"].Outcome);
        Assert.Equal(UpdateErrorKind.WriteBack, byName["rejected-push"].Errors[0].Kind);
        Assert.Contains("non-fast-forward", byName["rejected-push"].Errors[0].Message, StringComparison.Ordinal);
        Assert.False(byName["rejected-push"].Images[0].Updated);
        Assert.Equal(ApplicationOutcome.Updated, byName["healthy"].Outcome);
        Assert.True(byName["healthy"].Images[0].Updated);
        Assert.False(result.Succeeded);

        // Every change set of the method goes to the handler in one call, so it can push once per repository.
        Assert.Equal(["healthy", "rejected-push"], Assert.Single(handler.Calls).Select(c => c.Policy.Application.Name).Order());
        var summary = result.Summary;
        Assert.Equal((5, 1, 1, 3, 4, 1, 4), (summary.Applications, summary.Updated, summary.Rejected, summary.Failed, summary.ImagesConsidered, summary.ImagesUpdated, summary.Errors));
    }

    [Fact]
    public async Task Ignored_applications_are_reported_with_their_reason()
    {
        var ignored = ApplicationPolicyResult.Ignored(new ImageUpdater.Applications.ArgoApplication { Name = "plain" }, "No image-list annotation.");
        var engine = NewEngine([ignored], Resolver.Tags(_ => null), new Handler(WriteBackMethod.ArgoCd));

        var result = await engine.RunCycleAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ApplicationOutcome.Ignored, result.Applications[0].Outcome);
        Assert.Equal("No image-list annotation.", result.Applications[0].Reason);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task A_method_without_a_handler_fails_its_applications_only()
    {
        var argo = new Handler(WriteBackMethod.ArgoCd);
        var engine = NewEngine(
            [App("git-app", "nginx", "nginx:1.0.0", WriteBackMethod.Git), App("argo-app", "redis", "redis:1.0.0")],
            Resolver.Tags(_ => new TagInfo("2.0.0")),
            argo);

        var result = await engine.RunCycleAsync(cancellationToken: TestContext.Current.CancellationToken);

        var gitApp = result.Applications.Single(a => a.Name == "git-app");
        Assert.Equal(ApplicationOutcome.Failed, gitApp.Outcome);
        Assert.Contains("no write-back handler for the 'git' method", gitApp.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(ApplicationOutcome.Updated, result.Applications.Single(a => a.Name == "argo-app").Outcome);
    }

    [Fact]
    public async Task A_handler_that_throws_or_forgets_an_application_fails_those_applications_not_the_cycle()
    {
        var forgetful = new ForgetfulHandler();
        var engine = NewEngine([App("a", "nginx", "nginx:1.0.0"), App("b", "redis", "redis:1.0.0")], Resolver.Tags(_ => new TagInfo("2.0.0")), forgetful);

        var result = await engine.RunCycleAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ApplicationOutcome.Updated, result.Applications.Single(a => a.Name == "a").Outcome);
        var b = result.Applications.Single(a => a.Name == "b");
        Assert.Equal(ApplicationOutcome.Failed, b.Outcome);
        Assert.Contains("returned no result", b.Errors[0].Message, StringComparison.Ordinal);

        var throwing = NewEngine([App("a", "nginx", "nginx:1.0.0")], Resolver.Tags(_ => new TagInfo("2.0.0")), new ThrowingHandler());
        var failed = await throwing.RunCycleAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains("failed unexpectedly: disk full", failed.Applications[0].Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registry_that_never_answers_fails_the_image_when_its_time_budget_runs_out()
    {
        var resolver = new Resolver(async (request, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        var engine = NewEngine([App("slow", "nginx", "nginx:1.0.0"), App("other", "redis", "redis:1.0.0")], resolver, new Handler(WriteBackMethod.ArgoCd));

        var result = await engine.RunCycleAsync(new CycleOptions { ImageTimeout = TimeSpan.FromMilliseconds(200) }, TestContext.Current.CancellationToken);

        Assert.All(result.Applications, a => Assert.Equal(UpdateErrorKind.Timeout, a.Images[0].Error!.Kind));
        Assert.Contains("did not resolve within 0.2 s", result.Applications[0].Images[0].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_cycle_throws_instead_of_reporting_timeouts()
    {
        using var cancel = new CancellationTokenSource();
        var resolver = new Resolver(async (request, token) =>
        {
            await cancel.CancelAsync();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        var engine = NewEngine([App("a", "nginx", "nginx:1.0.0")], resolver, new Handler(WriteBackMethod.ArgoCd));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.RunCycleAsync(cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task Applications_are_processed_concurrently_up_to_the_limit_in_one_resolution_pass()
    {
        var gate = new TaskCompletionSource();
        var resolver = new Resolver(async (request, token) =>
        {
            await Task.WhenAny(gate.Task, Task.Delay(50, token));
            return new ImageResolution { Image = request.Image.Image, Selected = new TagInfo("1.0.0") };
        });
        var apps = Enumerable.Range(0, 12).Select(i => App("app" + i, "nginx", "nginx:1.0.0")).ToList();
        var engine = NewEngine(apps, resolver, new Handler(WriteBackMethod.ArgoCd));

        var result = await engine.RunCycleAsync(new CycleOptions { MaxConcurrentApplications = 3 }, TestContext.Current.CancellationToken);

        Assert.Equal(12, result.Applications.Count);
        Assert.Equal(3, resolver.MostAtOnce);
        Assert.Equal(1, resolver.Passes);
        Assert.Equal(result.Applications.Select(a => a.Name).Order(StringComparer.Ordinal), result.Applications.Select(a => a.Name));
    }

    [Fact]
    public async Task The_outcome_is_logged_once_in_the_references_words_and_counted_in_metrics()
    {
        var logger = new FakeLogger<UpdateEngine>();
        using var meters = new TestMeterFactory();
        using var updated = new MetricCollector<long>(meters, UpdateEngineInstruments.MeterName, UpdateEngineInstruments.ImagesUpdated);
        using var failures = new MetricCollector<long>(meters, UpdateEngineInstruments.MeterName, UpdateEngineInstruments.ImageErrors);
        var resolver = new Resolver((request, _) => Task.FromResult(request.Image.Image.Name == "redis"
            ? new ImageResolution { Image = request.Image.Image, Error = new UpdateError(UpdateErrorKind.NotFound, "repository not found") }
            : new ImageResolution { Image = request.Image.Image, Selected = new TagInfo("2.0.0") }));
        var engine = NewEngine(
            new PolicySet(new UpdatePolicySet { Applications = [App("a", "nginx", "nginx:1.0.0"), App("b", "redis", "redis:1.0.0")] }),
            resolver,
            [new Handler(WriteBackMethod.ArgoCd)],
            logger,
            meters);

        await engine.RunCycleAsync(cancellationToken: TestContext.Current.CancellationToken);

        var messages = logger.Collector.GetSnapshot().Select(r => r.Message).ToList();
        Assert.Contains("Starting image update cycle, considering 2 annotated application(s) for update (dry run: False)", messages);
        Assert.Contains("Application argocd/a: Setting new image to nginx:2.0.0", messages);
        Assert.Single(messages, m => m.StartsWith("Processing results: applications=2 images_considered=2 images_skipped=0 images_updated=1 errors=1 ", StringComparison.Ordinal));
        Assert.Single(messages, m => m.Contains("repository not found", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Error, logger.Collector.GetSnapshot().Single(r => r.Message.Contains("repository not found", StringComparison.Ordinal)).Level);
        var update = Assert.Single(updated.GetMeasurementSnapshot());
        Assert.Equal("argocd/a", update.Tags[UpdateEngineInstruments.ApplicationTag]);
        Assert.Equal("NotFound", Assert.Single(failures.GetMeasurementSnapshot()).Tags[UpdateEngineInstruments.ErrorKindTag]);
    }

    [Fact]
    public async Task Source_and_policy_errors_outside_applications_fail_the_cycle_result_but_not_the_applications()
    {
        var policies = new PolicySet(new UpdatePolicySet
        {
            Applications = [App("a", "nginx", "nginx:1.0.0")],
            Errors = [new ConfigurationException("apps/broken.yaml:3:5: Invalid YAML")],
        });
        var engine = NewEngine(policies, Resolver.Tags(_ => new TagInfo("2.0.0")), [new Handler(WriteBackMethod.ArgoCd)]);

        var result = await engine.RunCycleAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ApplicationOutcome.Updated, result.Applications[0].Outcome);
        Assert.Equal(UpdateErrorKind.Configuration, Assert.Single(result.Errors).Kind);
        Assert.False(result.Succeeded);
    }

    private sealed class ForgetfulHandler : IWriteBackHandler
    {
        public WriteBackMethod Method => WriteBackMethod.ArgoCd;

        public ValueTask<IReadOnlyList<WriteBackResult>> WriteAsync(IReadOnlyList<ApplicationChangeSet> changes, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<WriteBackResult>>(changes.Where(c => c.Policy.Application.Name == "a").Select(c => WriteBackResult.Written(c)).ToList());
    }

    private sealed class ThrowingHandler : IWriteBackHandler
    {
        public WriteBackMethod Method => WriteBackMethod.ArgoCd;

        public ValueTask<IReadOnlyList<WriteBackResult>> WriteAsync(IReadOnlyList<ApplicationChangeSet> changes, CancellationToken cancellationToken = default) =>
            throw new IOException("disk full");
    }
}
