namespace ImageUpdater.Engine;

/// <summary>What a write-back did for one application.</summary>
public sealed record WriteBackResult
{
    private WriteBackResult(ApplicationChangeSet changeSet, WriteBackOutcome outcome)
    {
        ChangeSet = changeSet;
        Outcome = outcome;
    }

    /// <summary>Gets the change set this result is for.</summary>
    public ApplicationChangeSet ChangeSet { get; }

    /// <summary>Gets what happened.</summary>
    public WriteBackOutcome Outcome { get; }

    /// <summary>Gets where the change went (a commit id and branch, an Application's resource version), when written.</summary>
    public string? Detail { get; private init; }

    /// <summary>Gets the failure, when <see cref="Outcome"/> is <see cref="WriteBackOutcome.Failed"/>.</summary>
    public UpdateError? Error { get; private init; }

    /// <summary>The changes were written.</summary>
    /// <param name="changeSet">The change set.</param>
    /// <param name="detail">Where they went, for logs and results.</param>
    /// <returns>The result.</returns>
    public static WriteBackResult Written(ApplicationChangeSet changeSet, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(changeSet);
        return new(changeSet, WriteBackOutcome.Written) { Detail = detail };
    }

    /// <summary>The target already held every value; nothing was written.</summary>
    /// <param name="changeSet">The change set.</param>
    /// <returns>The result.</returns>
    public static WriteBackResult NoChange(ApplicationChangeSet changeSet)
    {
        ArgumentNullException.ThrowIfNull(changeSet);
        return new(changeSet, WriteBackOutcome.NoChange);
    }

    /// <summary>Writing failed; nothing of this application was written.</summary>
    /// <param name="changeSet">The change set.</param>
    /// <param name="message">What went wrong, naming the repository, file or object.</param>
    /// <returns>The result.</returns>
    public static WriteBackResult Failed(ApplicationChangeSet changeSet, string message)
    {
        ArgumentNullException.ThrowIfNull(changeSet);
        ArgumentException.ThrowIfNullOrEmpty(message);
        return new(changeSet, WriteBackOutcome.Failed) { Error = new UpdateError(UpdateErrorKind.WriteBack, message) };
    }
}

/// <summary>What a write-back did.</summary>
public enum WriteBackOutcome
{
    /// <summary>The changes were written (committed and pushed, or the Application was updated).</summary>
    Written,

    /// <summary>The target already held the values; nothing was written.</summary>
    NoChange,

    /// <summary>Writing failed.</summary>
    Failed,
}
