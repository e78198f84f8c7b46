namespace ImageUpdater.Hosting;

/// <summary>What the update loop is doing.</summary>
public enum UpdateLoopPhase
{
    /// <summary>The loop has not started yet.</summary>
    NotStarted,

    /// <summary>Running the warm-up cycle (a dry run).</summary>
    WarmingUp,

    /// <summary>Waiting to lead: another replica holds the lease.</summary>
    StandingBy,

    /// <summary>Running an update cycle.</summary>
    Cycling,

    /// <summary>Leading, waiting for the next cycle.</summary>
    Waiting,

    /// <summary>Stopped: the host is shutting down, or the one cycle of a zero interval has run.</summary>
    Stopped,

    /// <summary>Stopped by an unexpected error; the liveness check fails.</summary>
    Faulted,
}
