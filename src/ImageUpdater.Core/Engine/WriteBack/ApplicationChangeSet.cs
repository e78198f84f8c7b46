using ImageUpdater.Policies;

namespace ImageUpdater.Engine;

/// <summary>The images of one application that should change, with everything a write-back needs to change them.</summary>
public sealed record ApplicationChangeSet
{
    /// <summary>Gets the application's policy: the application, its source and its write-back settings.</summary>
    public required ApplicationUpdatePolicy Policy { get; init; }

    /// <summary>Gets the changes, at least one.</summary>
    public required IReadOnlyList<ImageChange> Changes { get; init; }

    /// <summary>
    /// Gets the application's other live images, which need no change, each as a change from its current reference to
    /// itself. An override file lists their parameters too, as the reference writes every managed image there.
    /// </summary>
    public IReadOnlyList<ImageChange> UpToDate { get; init; } = [];

    /// <summary>Gets the application's display name, as messages use it.</summary>
    public string ApplicationName => Policy.Application.DisplayName;
}
