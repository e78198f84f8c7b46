using ImageUpdater.Engine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Hosting;

/// <summary>
/// Runs <see cref="UpdateEngine.RunCycleAsync"/> every <see cref="UpdateLoopOptions.Interval"/> while this process
/// leads: a warm-up first, then cycles measured from start to start and never overlapping, each linked to the
/// leadership so that a replica that loses its lease stops writing and waits to lead again.
/// </summary>
/// <remarks>
/// A cycle that throws (its source cannot be read) is logged and the loop goes on; only an error outside any cycle
/// (a broken leadership provider) stops the loop, and the liveness check then fails. With a zero interval the loop runs
/// one cycle and asks the host to stop; the caller reads the outcome from <see cref="UpdateLoopStatus"/>.
/// </remarks>
internal sealed partial class UpdateLoopService : BackgroundService
{
    private readonly UpdateEngine _engine;
    private readonly IUpdateLeadership _leadership;
    private readonly UpdateLoopOptions _options;
    private readonly UpdateLoopStatus _status;
    private readonly TimeProvider _timeProvider;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;

    public UpdateLoopService(
        UpdateEngine engine,
        IUpdateLeadership leadership,
        IOptions<UpdateLoopOptions> options,
        UpdateLoopStatus status,
        TimeProvider timeProvider,
        IHostApplicationLifetime lifetime,
        ILogger<UpdateLoopService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(leadership);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(lifetime);
        _engine = engine;
        _leadership = leadership;
        _options = options.Value;
        _status = status;
        _timeProvider = timeProvider;
        _lifetime = lifetime;
        _logger = logger ?? NullLogger<UpdateLoopService>.Instance;
    }

    private enum CycleOutcome
    {
        Finished,
        Failed,
        LeadershipLost,
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (the health endpoints among others) before the first cycle.
        await Task.Yield();
        var options = _options;
        LogLoopStarting(_logger, options.Interval.TotalSeconds, options.Cycle.DryRun);
        try
        {
            if (options.WarmUp && options.Interval > TimeSpan.Zero)
            {
                await WarmUpAsync(options, stoppingToken).ConfigureAwait(false);
            }

            while (true)
            {
                _status.Enter(UpdateLoopPhase.StandingBy, _timeProvider.GetUtcNow());
                LogWaitingForLeadership(_logger);
                var lease = await _leadership.AcquireAsync(stoppingToken).ConfigureAwait(false);
                LogLeading(_logger);
                using var term = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lease);
                if (await LeadAsync(options, lease, term.Token, stoppingToken).ConfigureAwait(false))
                {
                    break;
                }

                LogLeadershipLost(_logger);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: a running cycle was cancelled, what it already wrote stays written.
        }
        catch (Exception ex)
        {
            _status.Enter(UpdateLoopPhase.Faulted, _timeProvider.GetUtcNow());
            LogLoopFaulted(_logger, ex);
            throw;
        }

        _status.Enter(UpdateLoopPhase.Stopped, _timeProvider.GetUtcNow());
        LogLoopStopped(_logger);
    }

    /// <summary>Runs cycles while leading.</summary>
    /// <returns><see langword="true"/> when the loop is done (zero interval), <see langword="false"/> when leadership was lost.</returns>
    private async Task<bool> LeadAsync(UpdateLoopOptions options, CancellationToken lease, CancellationToken term, CancellationToken stopping)
    {
        while (true)
        {
            var started = _timeProvider.GetTimestamp();
            var outcome = await RunCycleAsync(options.Cycle, lease, term, stopping).ConfigureAwait(false);
            if (outcome == CycleOutcome.LeadershipLost)
            {
                return false;
            }

            if (options.Interval == TimeSpan.Zero)
            {
                _lifetime.StopApplication();
                return true;
            }

            // From start to start: a long cycle shortens the wait, one longer than the interval is followed at once.
            var wait = options.Interval - _timeProvider.GetElapsedTime(started);
            try
            {
                // The timer is set before the phase says so: a reader that sees Waiting can rely on the next start.
                var next = wait > TimeSpan.Zero ? Task.Delay(wait, _timeProvider, term) : Task.CompletedTask;
                _status.Enter(UpdateLoopPhase.Waiting, _timeProvider.GetUtcNow());
                await next.ConfigureAwait(false);
                term.ThrowIfCancellationRequested();
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                return false;
            }
        }
    }

    private async Task<CycleOutcome> RunCycleAsync(CycleOptions cycle, CancellationToken lease, CancellationToken term, CancellationToken stopping)
    {
        _status.Enter(UpdateLoopPhase.Cycling, _timeProvider.GetUtcNow());
        try
        {
            var result = await _engine.RunCycleAsync(cycle, term).ConfigureAwait(false);
            var ended = _timeProvider.GetUtcNow();
            _status.Update(r => r with { LastResult = result, LastCycleEndedAt = ended, LastFailure = null, CyclesCompleted = r.CyclesCompleted + 1 });
            return CycleOutcome.Finished;
        }
        catch (OperationCanceledException) when (lease.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            var ended = _timeProvider.GetUtcNow();
            _status.Update(r => r with { LastCycleEndedAt = ended, CyclesCancelled = r.CyclesCancelled + 1 });
            LogCycleCancelledByLeadership(_logger);
            return CycleOutcome.LeadershipLost;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // The cycle could not run at all (its source could not be read): the next one may, so the loop goes on.
            var ended = _timeProvider.GetUtcNow();
            _status.Update(r => r with { LastCycleEndedAt = ended, LastFailure = ex.Message, CyclesFailed = r.CyclesFailed + 1 });
            LogCycleFailed(_logger, ex.Message, ex);
            return CycleOutcome.Failed;
        }
    }

    private async Task WarmUpAsync(UpdateLoopOptions options, CancellationToken stoppingToken)
    {
        _status.Enter(UpdateLoopPhase.WarmingUp, _timeProvider.GetUtcNow());
        LogWarmingUp(_logger);

        // As the reference: a dry run, one application at a time, so the registries see no burst at start.
        var warmUp = options.Cycle with { DryRun = true, MaxConcurrentApplications = 1 };
        try
        {
            var result = await _engine.RunCycleAsync(warmUp, stoppingToken).ConfigureAwait(false);
            _status.Update(static r => r with { WarmedUp = true });
            LogWarmedUp(_logger, result.Summary.Applications, result.Summary.ImagesConsidered, result.Duration.TotalSeconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Not fatal, as in the reference: the first real cycle meets the same problem and reports it.
            LogWarmUpFailed(_logger, ex.Message, ex);
        }
    }
}
