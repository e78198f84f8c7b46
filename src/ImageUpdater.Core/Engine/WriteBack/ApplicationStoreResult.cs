namespace ImageUpdater.Engine;

/// <summary>What an <see cref="IApplicationStore"/> update did.</summary>
public sealed record ApplicationStoreResult
{
    private ApplicationStoreResult(ApplicationStoreOutcome outcome, string? detail)
    {
        Outcome = outcome;
        Detail = detail;
    }

    /// <summary>Gets what happened.</summary>
    public ApplicationStoreOutcome Outcome { get; }

    /// <summary>
    /// Gets where the update went (a commit id, a file, a resource version) when updated, or why it did not happen
    /// (naming the object or file) for a conflict or a failure.
    /// </summary>
    public string? Detail { get; }

    /// <summary>The source was replaced.</summary>
    /// <param name="detail">Where the update went, for logs and results.</param>
    /// <returns>The result.</returns>
    public static ApplicationStoreResult Updated(string? detail = null) => new(ApplicationStoreOutcome.Updated, detail);

    /// <summary>The application changed since it was read; read it again and retry.</summary>
    /// <param name="reason">What changed, naming the object or file.</param>
    /// <returns>The result.</returns>
    public static ApplicationStoreResult Conflict(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new(ApplicationStoreOutcome.Conflict, reason);
    }

    /// <summary>The update failed and retrying will not help.</summary>
    /// <param name="message">What went wrong, naming the object or file.</param>
    /// <returns>The result.</returns>
    public static ApplicationStoreResult Failed(string message)
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
        return new(ApplicationStoreOutcome.Failed, message);
    }
}

/// <summary>What an <see cref="IApplicationStore"/> update did.</summary>
public enum ApplicationStoreOutcome
{
    /// <summary>The source was replaced.</summary>
    Updated,

    /// <summary>The application changed since it was read.</summary>
    Conflict,

    /// <summary>The update failed.</summary>
    Failed,
}
