using ImageUpdater.Engine;

namespace ImageUpdater.Hosting;

/// <summary>An immutable picture of the update loop, for health checks, status pages and tests.</summary>
public sealed record UpdateLoopReport
{
    /// <summary>Gets what the loop is doing.</summary>
    public UpdateLoopPhase Phase { get; init; }

    /// <summary>Gets when the loop entered <see cref="Phase"/>: for <see cref="UpdateLoopPhase.Cycling"/>, when the running cycle started.</summary>
    public DateTimeOffset Since { get; init; }

    /// <summary>Gets the result of the last cycle that finished, or <see langword="null"/> before the first.</summary>
    public CycleResult? LastResult { get; init; }

    /// <summary>Gets the counts of <see cref="LastResult"/>, or <see langword="null"/> before the first cycle finished.</summary>
    public CycleSummary? LastSummary => LastResult?.Summary;

    /// <summary>Gets when the last cycle finished (with a result or not).</summary>
    public DateTimeOffset? LastCycleEndedAt { get; init; }

    /// <summary>
    /// Gets why the last cycle could not run (its source could not be read, ...), or <see langword="null"/> when the
    /// last cycle finished with a result.
    /// </summary>
    public string? LastFailure { get; init; }

    /// <summary>Gets a value indicating whether the warm-up cycle finished.</summary>
    public bool WarmedUp { get; init; }

    /// <summary>Gets the number of cycles that finished with a result.</summary>
    public long CyclesCompleted { get; init; }

    /// <summary>Gets the number of cycles that could not run (an exception left the engine).</summary>
    public long CyclesFailed { get; init; }

    /// <summary>Gets the number of cycles cancelled because leadership was lost.</summary>
    public long CyclesCancelled { get; init; }
}
