namespace ImageUpdater.WriteBack.Git;

/// <summary>What became of one <see cref="PendingCommit"/>.</summary>
internal enum CommitOutcome
{
    /// <summary>Committed and pushed.</summary>
    Committed,

    /// <summary>The files already had this content: nothing to commit.</summary>
    NoChange,

    /// <summary>Not pushed; <see cref="CommitResult.Error"/> says why.</summary>
    Failed,
}

/// <summary>What became of one <see cref="PendingCommit"/>: its commit, no change, or why it failed.</summary>
internal sealed record CommitResult(CommitOutcome Outcome, string? Sha = null, string? Error = null)
{
    public static CommitResult NoChange { get; } = new(CommitOutcome.NoChange);

    public static CommitResult Committed(string sha) => new(CommitOutcome.Committed, Sha: sha);

    public static CommitResult Failed(string error) => new(CommitOutcome.Failed, Error: error);
}
