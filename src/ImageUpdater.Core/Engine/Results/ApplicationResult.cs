namespace ImageUpdater.Engine;

/// <summary>What a cycle did for one application.</summary>
public sealed record ApplicationResult
{
    /// <summary>Gets the application's name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the application's namespace (empty when its file named none).</summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary>Gets the outcome.</summary>
    public required ApplicationOutcome Outcome { get; init; }

    /// <summary>Gets the problems of the application itself (its configuration, its write-back).</summary>
    public IReadOnlyList<UpdateError> Errors { get; init; } = [];

    /// <summary>Gets one result per configured image.</summary>
    public IReadOnlyList<ImageResult> Images { get; init; } = [];

    /// <summary>Gets why the application was ignored, when it was.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets where the write-back went (a commit and branch, a resource version), when something was written.</summary>
    public string? WriteBack { get; init; }
}

/// <summary>What a cycle did for one application.</summary>
public enum ApplicationOutcome
{
    /// <summary>At least one image changed and was written back (or would be, in a dry run).</summary>
    Updated,

    /// <summary>Every image already runs the chosen tag, or no tag qualified.</summary>
    Unchanged,

    /// <summary>The application's configuration is invalid; nothing was resolved.</summary>
    Rejected,

    /// <summary>An image could not be resolved or the write-back failed.</summary>
    Failed,

    /// <summary>The application is not managed (for example, it has no image list).</summary>
    Ignored,
}
