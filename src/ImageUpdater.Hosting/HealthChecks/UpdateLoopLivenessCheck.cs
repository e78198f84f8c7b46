using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Hosting;

/// <summary>
/// Live while the loop runs and no cycle has run longer than <see cref="UpdateLoopOptions.LivenessTimeout"/>: the
/// loop's heartbeat is the start of the running cycle, and an idle loop (waiting for the next cycle or for leadership)
/// is always fresh.
/// </summary>
internal sealed class UpdateLoopLivenessCheck(UpdateLoopStatus status, IOptions<UpdateLoopOptions> options, TimeProvider timeProvider) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = status.Current;
        var timeout = options.Value.LivenessTimeout;
        var result = report.Phase switch
        {
            UpdateLoopPhase.Faulted => HealthCheckResult.Unhealthy("the update loop stopped on an unexpected error"),
            UpdateLoopPhase.Stopped => HealthCheckResult.Unhealthy("the update loop has stopped"),
            UpdateLoopPhase.Cycling or UpdateLoopPhase.WarmingUp when timeProvider.GetUtcNow() - report.Since is var running && running > timeout =>
                HealthCheckResult.Unhealthy(string.Create(
                    CultureInfo.InvariantCulture,
                    $"the {(report.Phase == UpdateLoopPhase.WarmingUp ? "warm-up" : "update cycle")} has run for {running.TotalSeconds:0} s, longer than {timeout.TotalSeconds:0} s")),
            _ => HealthCheckResult.Healthy(PhaseText(report.Phase)),
        };
        return Task.FromResult(result);
    }

    internal static string PhaseText(UpdateLoopPhase phase) => phase switch
    {
        UpdateLoopPhase.NotStarted => "starting",
        UpdateLoopPhase.WarmingUp => "warming up",
        UpdateLoopPhase.StandingBy => "standing by for leadership",
        UpdateLoopPhase.Cycling => "running an update cycle",
        UpdateLoopPhase.Waiting => "waiting for the next update cycle",
        UpdateLoopPhase.Stopped => "stopped",
        _ => "faulted",
    };
}
