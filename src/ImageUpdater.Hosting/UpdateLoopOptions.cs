using ImageUpdater.Engine;

namespace ImageUpdater.Hosting;

/// <summary>How the hosted update loop runs. Validated when the host starts.</summary>
public sealed class UpdateLoopOptions
{
    /// <summary>The reference's default interval between the starts of two cycles.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Gets or sets the time from the start of one cycle to the start of the next. A cycle that takes longer is not
    /// overlapped: the next one starts when it ends. <see cref="TimeSpan.Zero"/> runs one cycle and stops the host.
    /// </summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan Interval { get; set; } = DefaultInterval;

    /// <summary>Gets or sets how each cycle runs (dry run, concurrency, per-image timeout).</summary>
    /// <value>The default value is <see cref="CycleOptions.Default"/>.</value>
    public CycleOptions Cycle { get; set; } = CycleOptions.Default;

    /// <summary>
    /// Gets or sets a value indicating whether to run one dry-run cycle, one application at a time, before the loop
    /// starts, as the reference does, so that the registry caches are filled before the first cycle that writes. It
    /// runs before leadership is acquired (it writes nothing), so a standby replica is warm when it takes over. It is
    /// skipped when <see cref="Interval"/> is zero: the only cycle would follow it at once.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool WarmUp { get; set; } = true;

    /// <summary>
    /// Gets or sets how long one cycle (or the warm-up) may run before the liveness check reports the loop stuck, so
    /// that an orchestrator restarts a process whose cycle hangs.
    /// </summary>
    /// <value>The default value is 30 minutes.</value>
    public TimeSpan LivenessTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
