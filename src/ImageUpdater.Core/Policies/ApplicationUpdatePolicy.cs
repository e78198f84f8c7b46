using ImageUpdater.Applications;

namespace ImageUpdater.Policies;

/// <summary>Everything needed to update one application: its images, its source and its write-back. Immutable.</summary>
public sealed record ApplicationUpdatePolicy
{
    /// <summary>Gets the application.</summary>
    public required ArgoApplication Application { get; init; }

    /// <summary>Gets the images to update, in configuration order.</summary>
    public required IReadOnlyList<ImageUpdatePolicy> Images { get; init; }

    /// <summary>Gets how updates are written back.</summary>
    public WriteBackPolicy WriteBack { get; init; } = WriteBackPolicy.Default;

    /// <summary>Gets the source updates apply to and its type.</summary>
    public required ApplicationSourceSelection Source { get; init; }

    /// <summary>
    /// Gets where the policy came from: <c>annotations</c>, <c>ImageUpdater ns/name</c>, or
    /// <c>ImageUpdater ns/name (annotations)</c> for a rule with <c>useAnnotations</c>; several, separated by
    /// <c>, </c>, when several resources configure the application.
    /// </summary>
    public required string Origin { get; init; }
}
