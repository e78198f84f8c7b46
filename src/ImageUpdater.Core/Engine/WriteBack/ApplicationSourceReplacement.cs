using ImageUpdater.Applications;

namespace ImageUpdater.Engine;

/// <summary>A request to replace one source of an application.</summary>
public sealed record ApplicationSourceReplacement
{
    /// <summary>Gets the application as read by <see cref="IApplicationStore.ReadAsync"/>; its version must still hold.</summary>
    public required ArgoApplication Application { get; init; }

    /// <summary>
    /// Gets which source to replace, as <see cref="ApplicationSourceSelection.Index"/> gives it: <c>-1</c> for
    /// <c>spec.source</c>, <c>i</c> for <c>spec.sources[i]</c>.
    /// </summary>
    public required int SourceIndex { get; init; }

    /// <summary>Gets the new source.</summary>
    public required ApplicationSource Source { get; init; }

    /// <summary>Gets what changed, one line per image, for a commit message or an event.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Gets the images that change, for stores that record each one (a Kubernetes Event's annotations).</summary>
    public IReadOnlyList<ImageChange> Changes { get; init; } = [];
}
