namespace ImageUpdater.Engine;

/// <summary>How one update cycle runs.</summary>
public sealed record CycleOptions
{
    /// <summary>Gets the default options.</summary>
    public static CycleOptions Default { get; } = new();

    /// <summary>Gets a value indicating whether to do everything but the write: resolve, plan and report, write nothing.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool DryRun { get; init; }

    /// <summary>Gets how many applications are processed at the same time.</summary>
    /// <value>The default value is 10.</value>
    public int MaxConcurrentApplications { get; init; } = 10;

    /// <summary>
    /// Gets the time one image may take to resolve, so that a registry that accepts connections but never answers
    /// fails that image instead of holding the cycle.
    /// </summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan ImageTimeout { get; init; } = TimeSpan.FromMinutes(2);
}
