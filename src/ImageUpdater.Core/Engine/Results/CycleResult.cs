namespace ImageUpdater.Engine;

/// <summary>What one update cycle did, per application and image.</summary>
public sealed record CycleResult
{
    /// <summary>Gets when the cycle started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets how long the cycle took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Gets a value indicating whether the cycle ran without writing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Gets one result per application, ordered by namespace and name.</summary>
    public IReadOnlyList<ApplicationResult> Applications { get; init; } = [];

    /// <summary>Gets the problems that belong to no single application (an unreadable file, an invalid resource).</summary>
    public IReadOnlyList<UpdateError> Errors { get; init; } = [];

    /// <summary>Gets warnings that belong to no single application.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Gets the counts over <see cref="Applications"/>.</summary>
    public CycleSummary Summary => CycleSummary.Of(this);

    /// <summary>Gets a value indicating whether every application succeeded and nothing failed outside them.</summary>
    public bool Succeeded => Errors.Count == 0 && Applications.All(static a => a.Outcome is not (ApplicationOutcome.Failed or ApplicationOutcome.Rejected));
}
