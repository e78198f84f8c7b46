namespace ImageUpdater.Hosting;

/// <summary>The names and tags of the update loop's health checks, to select them in probe endpoints.</summary>
/// <example>
/// <code>
/// app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(UpdateLoopHealthChecks.LiveTag) });
/// app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(UpdateLoopHealthChecks.ReadyTag) });
/// </code>
/// </example>
public static class UpdateLoopHealthChecks
{
    /// <summary>The tag of the liveness check: the loop is running and no cycle is stuck.</summary>
    public const string LiveTag = "live";

    /// <summary>The tag of the readiness check: a cycle has finished (or the process stands by to lead).</summary>
    public const string ReadyTag = "ready";

    /// <summary>The name of the liveness check.</summary>
    public const string LivenessCheckName = "image-updater-loop";

    /// <summary>The name of the readiness check.</summary>
    public const string ReadinessCheckName = "image-updater-cycle";
}
