using System.Collections.Concurrent;
using System.Diagnostics;
using ImageUpdater.Policies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageUpdater.Engine;

/// <summary>
/// Runs update cycles: reads applications, resolves every image through the registry, compares with what runs, and
/// hands the changes to the write-back method.
/// </summary>
/// <remarks>
/// One application's problem (a bad annotation, a failing registry, a rejected push) is a value in the
/// <see cref="CycleResult"/>; the others are still updated in the same cycle. Exceptions leave
/// <see cref="RunCycleAsync"/> only when the cycle cannot start (the source cannot be read) or it is cancelled.
/// </remarks>
public sealed partial class UpdateEngine
{
    private readonly IApplicationSource _source;
    private readonly IUpdatePolicyProvider _policies;
    private readonly IImageResolver _resolver;
    private readonly ILiveImageReader _liveImages;
    private readonly Dictionary<WriteBackMethod, IWriteBackHandler> _handlers;
    private readonly ICycleObserver[] _observers;
    private readonly UpdateEngineMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    internal UpdateEngine(
        IApplicationSource source,
        IUpdatePolicyProvider policies,
        IImageResolver resolver,
        ILiveImageReader liveImages,
        IEnumerable<IWriteBackHandler> handlers,
        UpdateEngineMetrics metrics,
        TimeProvider timeProvider,
        ILogger<UpdateEngine>? logger = null,
        IEnumerable<ICycleObserver>? observers = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(liveImages);
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _source = source;
        _policies = policies;
        _resolver = resolver;
        _liveImages = liveImages;

        // The last registration of a method wins, as with other replaceable services.
        var byMethod = new Dictionary<WriteBackMethod, IWriteBackHandler>();
        foreach (var handler in handlers)
        {
            byMethod[handler.Method] = handler;
        }

        _handlers = byMethod;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger ?? NullLogger<UpdateEngine>.Instance;
        _observers = observers?.ToArray() ?? [];
    }

    /// <summary>Runs one update cycle.</summary>
    /// <param name="options">How the cycle runs; <see langword="null"/> for <see cref="CycleOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the cycle; what was already pushed stays pushed.</param>
    /// <returns>What the cycle did, per application and image.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public async Task<CycleResult> RunCycleAsync(CycleOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= CycleOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentApplications, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ImageTimeout, TimeSpan.Zero, nameof(options));

        using var activity = UpdateEngineMetrics.ActivitySource.StartActivity("image-updater cycle");
        var startedAt = _timeProvider.GetUtcNow();
        var started = _timeProvider.GetTimestamp();

        var snapshot = await _source.ReadAsync(cancellationToken).ConfigureAwait(false);
        var policySet = await _policies.GetPoliciesAsync(snapshot, cancellationToken).ConfigureAwait(false);
        var managed = policySet.Applications.Count(static a => a.Outcome != PolicyOutcome.Ignored);
        LogCycleStarting(_logger, managed, options.DryRun);

        var planned = new ConcurrentBag<PlannedApplication>();
        using (var pass = _resolver.BeginPass())
        {
            await Parallel.ForEachAsync(
                policySet.Applications,
                new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentApplications, CancellationToken = cancellationToken },
                async (application, token) => planned.Add(await PlanApplicationAsync(application, pass, options, token).ConfigureAwait(false)))
                .ConfigureAwait(false);
        }

        var writeBacks = options.DryRun
            ? new Dictionary<ApplicationChangeSet, WriteBackResult>()
            : await WriteBackAsync(planned, cancellationToken).ConfigureAwait(false);

        var applications = planned
            .Select(p => Complete(p, writeBacks, options.DryRun))
            .OrderBy(static a => a.Namespace, StringComparer.Ordinal)
            .ThenBy(static a => a.Name, StringComparer.Ordinal)
            .ToList();
        var errors = snapshot.Errors.Concat(policySet.Errors)
            .Select(static e => new UpdateError(UpdateErrorKind.Configuration, e.Message))
            .ToList();
        foreach (var error in errors)
        {
            LogConfigurationError(_logger, error.Message);
        }

        var result = new CycleResult
        {
            StartedAt = startedAt,
            Duration = _timeProvider.GetElapsedTime(started),
            DryRun = options.DryRun,
            Applications = applications,
            Errors = errors,
            Warnings = policySet.Warnings,
        };
        var summary = result.Summary;
        LogCycleFinished(_logger, summary.Applications, summary.ImagesConsidered, summary.ImagesSkipped, summary.ImagesUpdated, summary.Errors, result.Duration.TotalSeconds);
        _metrics.RecordCycle(result);
        activity?.SetTag("imageupdater.applications", summary.Applications);
        activity?.SetTag("imageupdater.images.updated", summary.ImagesUpdated);
        if (!options.DryRun)
        {
            await NotifyObserversAsync(result, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async Task NotifyObserversAsync(CycleResult result, CancellationToken cancellationToken)
    {
        foreach (var observer in _observers)
        {
            try
            {
                await observer.OnCycleCompletedAsync(result, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The cycle's work is done and stays done; the observer hears the next cycle's result.
                LogObserverFailed(_logger, observer.GetType().Name, ex.Message, ex);
            }
        }
    }

    private async Task<PlannedApplication> PlanApplicationAsync(ApplicationPolicyResult application, IImageResolutionPass pass, CycleOptions options, CancellationToken cancellationToken)
    {
        if (application.Outcome != PolicyOutcome.Ready)
        {
            return new PlannedApplication(application);
        }

        var policy = application.Policy!;
        using var activity = UpdateEngineMetrics.ActivitySource.StartActivity("image-updater application");
        activity?.SetTag(UpdateEngineInstruments.ApplicationTag, policy.Application.DisplayName);

        IReadOnlyList<ImageReference> live;
        try
        {
            live = await _liveImages.ReadAsync(policy, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new PlannedApplication(application)
            {
                Errors = [new UpdateError(ErrorKindOf(ex), $"{policy.Application.DisplayName}: cannot read the images it runs: {ex.Message}")],
            };
        }

        var images = new List<PlannedImage>(policy.Images.Count);
        foreach (var image in policy.Images)
        {
            images.Add(await PlanImageAsync(policy, image, live, pass, options, cancellationToken).ConfigureAwait(false));
        }

        var changes = images.Where(static i => i.Change is not null).Select(static i => i.Change!).ToList();
        return new PlannedApplication(application)
        {
            Images = images,
            ChangeSet = changes.Count == 0 ? null : new ApplicationChangeSet
            {
                Policy = policy,
                Changes = changes,
                UpToDate = images.Where(static i => i.UpToDate is not null).Select(static i => i.UpToDate!).ToList(),
            },
        };
    }

    private async Task<PlannedImage> PlanImageAsync(
        ApplicationUpdatePolicy policy,
        ImageUpdatePolicy image,
        IReadOnlyList<ImageReference> live,
        IImageResolutionPass pass,
        CycleOptions options,
        CancellationToken cancellationToken)
    {
        var current = UpdatePlanner.FindLive(image, live);
        if (current is null && !image.Settings.ForceUpdate)
        {
            LogImageNotLive(_logger, policy.Application.DisplayName, image.Image.FullName);
            return new PlannedImage { Policy = image, Reason = "the application does not run this image (force-update is off)" };
        }

        using var activity = UpdateEngineMetrics.ActivitySource.StartActivity("image-updater image");
        activity?.SetTag("imageupdater.image", image.Image.FullName);
        using var budget = new CancellationTokenSource(options.ImageTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        ImageResolution resolution;
        try
        {
            resolution = await pass.ResolveAsync(
                new ImageResolutionRequest { Image = image, ApplicationNamespace = policy.Application.Namespace },
                linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            resolution = Failed(image, UpdateErrorKind.Timeout, $"did not resolve within {options.ImageTimeout.TotalSeconds:0.###} s");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            resolution = Failed(image, UpdateErrorKind.Internal, "resolution failed unexpectedly: " + ex.Message);
        }

        var planned = UpdatePlanner.Plan(image, current, resolution);
        if (planned.Error is { } error)
        {
            planned = planned with { Error = error with { Message = $"{policy.Application.DisplayName}: image {image.Image.FullName}: {error.Message}" } };
            LogImageFailed(_logger, policy.Application.DisplayName, image.Image.FullName, error.Kind, planned.Error.Message);
        }
        else if (planned.Change is null)
        {
            LogImageUnchanged(_logger, policy.Application.DisplayName, image.Image.FullName, planned.Reason);
        }

        return planned;
    }

    private static ImageResolution Failed(ImageUpdatePolicy image, UpdateErrorKind kind, string message) =>
        new() { Image = image.Image, Strategy = image.Settings.Strategy, Error = new UpdateError(kind, message) };

    private async Task<Dictionary<ApplicationChangeSet, WriteBackResult>> WriteBackAsync(IEnumerable<PlannedApplication> planned, CancellationToken cancellationToken)
    {
        var results = new Dictionary<ApplicationChangeSet, WriteBackResult>(ReferenceEqualityComparer.Instance);
        var byMethod = planned
            .Where(static p => p.ChangeSet is not null)
            .GroupBy(static p => p.ChangeSet!.Policy.WriteBack.Method);
        foreach (var group in byMethod)
        {
            var changeSets = group.Select(static p => p.ChangeSet!).ToList();
            if (!_handlers.TryGetValue(group.Key, out var handler))
            {
                foreach (var changeSet in changeSets)
                {
                    results[changeSet] = WriteBackResult.Failed(changeSet, $"no write-back handler for the '{MethodName(group.Key)}' method is registered");
                }

                continue;
            }

            foreach (var changeSet in changeSets)
            {
                foreach (var change in changeSet.Changes)
                {
                    LogSettingNewImage(_logger, changeSet.ApplicationName, change.New.FullNameWithTag);
                }
            }

            IReadOnlyList<WriteBackResult> written;
            try
            {
                written = await handler.WriteAsync(changeSets, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                written = changeSets.ConvertAll(c => WriteBackResult.Failed(c, $"the {MethodName(group.Key)} write-back failed unexpectedly: {ex.Message}"));
            }

            foreach (var result in written)
            {
                results[result.ChangeSet] = result;
            }

            // A handler that forgot a change set must not make it look written.
            foreach (var changeSet in changeSets)
            {
                if (!results.ContainsKey(changeSet))
                {
                    results[changeSet] = WriteBackResult.Failed(changeSet, $"the {MethodName(group.Key)} write-back returned no result");
                }
            }
        }

        return results;
    }

    private ApplicationResult Complete(PlannedApplication planned, Dictionary<ApplicationChangeSet, WriteBackResult> writeBacks, bool dryRun)
    {
        var policyResult = planned.PolicyResult;
        var application = policyResult.Application;
        var result = new ApplicationResult { Name = application.Name, Namespace = application.Namespace, Outcome = ApplicationOutcome.Unchanged };
        switch (policyResult.Outcome)
        {
            case PolicyOutcome.Ignored:
                return result with { Outcome = ApplicationOutcome.Ignored, Reason = policyResult.Reason };
            case PolicyOutcome.Rejected:
                foreach (var error in policyResult.Errors)
                {
                    LogApplicationRejected(_logger, application.DisplayName, error.Message);
                }

                return result with
                {
                    Outcome = ApplicationOutcome.Rejected,
                    Errors = policyResult.Errors.Select(static e => new UpdateError(UpdateErrorKind.Configuration, e.Message)).ToList(),
                };
        }

        var errors = new List<UpdateError>(planned.Errors);
        WriteBackResult? writeBack = null;
        if (planned.ChangeSet is { } changeSet && writeBacks.TryGetValue(changeSet, out var written))
        {
            writeBack = written;
            if (written.Error is { } error)
            {
                errors.Add(error with { Message = $"{application.DisplayName}: {error.Message}" });
                LogWriteBackFailed(_logger, application.DisplayName, error.Message);
            }
        }

        var images = planned.Images.Select(i => ImageResultOf(i, writeBack, dryRun)).ToList();
        var outcome = errors.Count > 0 || images.Any(static i => i.Error is not null) ? ApplicationOutcome.Failed
            : images.Any(static i => i.Updated) ? ApplicationOutcome.Updated
            : ApplicationOutcome.Unchanged;
        return result with { Outcome = outcome, Errors = errors, Images = images, WriteBack = writeBack?.Detail };
    }

    private static ImageResult ImageResultOf(PlannedImage image, WriteBackResult? writeBack, bool dryRun)
    {
        var result = new ImageResult
        {
            Alias = image.Policy.Image.Alias,
            Image = image.Policy.Image.FullName,
            Current = image.Current is null ? null : UpdatePlanner.Describe(image.Current),
            Selected = image.Change is { } change ? UpdatePlanner.Describe(change.New)
                : image.Selected is { } selected ? UpdatePlanner.Describe(image.Policy.Image.WithTag(selected.Name))
                : null,
            Reason = image.Reason,
            Warnings = image.Warnings,
            Error = image.Error,
        };
        if (image.Change is not { } planned)
        {
            return result;
        }

        var target = UpdatePlanner.Describe(planned.New);
        return (dryRun, writeBack?.Outcome) switch
        {
            (true, _) => result with { Updated = true, Reason = $"would update to {target} (dry run)" },
            (_, WriteBackOutcome.Written) => result with { Updated = true, Reason = $"updated to {target}" },
            (_, WriteBackOutcome.NoChange) => result with { Reason = $"the write-back target already holds {target}" },
            _ => result with { Reason = $"not written: the write-back failed" },
        };
    }

    private static UpdateErrorKind ErrorKindOf(Exception exception) => exception switch
    {
        ConfigurationException => UpdateErrorKind.Configuration,
        OperationCanceledException => UpdateErrorKind.Timeout,
        IOException or UnauthorizedAccessException => UpdateErrorKind.WriteBack,
        _ => UpdateErrorKind.Internal,
    };

    private static string MethodName(WriteBackMethod method) => method == WriteBackMethod.ArgoCd ? "argocd" : "git";

    /// <summary>One application between resolution and write-back.</summary>
    private sealed record PlannedApplication(ApplicationPolicyResult PolicyResult)
    {
        public IReadOnlyList<PlannedImage> Images { get; init; } = [];

        public IReadOnlyList<UpdateError> Errors { get; init; } = [];

        public ApplicationChangeSet? ChangeSet { get; init; }
    }
}
