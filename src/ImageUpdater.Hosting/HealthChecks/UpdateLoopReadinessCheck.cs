using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ImageUpdater.Hosting;

/// <summary>
/// Ready once a cycle (or the warm-up) has finished, and from then on; degraded while the latest cycle could not run.
/// A replica standing by for leadership is ready too: it has nothing to finish, and a rolling update must be able to
/// replace the leader by a new replica that waits for the lease.
/// </summary>
internal sealed class UpdateLoopReadinessCheck(UpdateLoopStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = status.Current;
        var data = DataOf(report);
        HealthCheckResult result;
        if (report.CyclesCompleted == 0 && !report.WarmedUp && report.Phase != UpdateLoopPhase.StandingBy)
        {
            result = HealthCheckResult.Unhealthy("no update cycle has finished yet", data: data);
        }
        else if (report.LastFailure is { } failure && report.CyclesCompleted > 0)
        {
            result = HealthCheckResult.Degraded("the last update cycle could not run: " + failure, data: data);
        }
        else
        {
            result = HealthCheckResult.Healthy(UpdateLoopLivenessCheck.PhaseText(report.Phase), data);
        }

        return Task.FromResult(result);
    }

    private static Dictionary<string, object> DataOf(UpdateLoopReport report)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["phase"] = report.Phase.ToString(),
            ["cyclesCompleted"] = report.CyclesCompleted,
            ["cyclesFailed"] = report.CyclesFailed,
        };
        if (report.LastSummary is { } summary)
        {
            data["applications"] = summary.Applications;
            data["imagesConsidered"] = summary.ImagesConsidered;
            data["imagesUpdated"] = summary.ImagesUpdated;
            data["errors"] = summary.Errors;
        }

        return data;
    }
}
