using ImageUpdater.Policies;

namespace ImageUpdater.Engine;

/// <summary>One image of an application after resolution: the change it needs, or why it needs none.</summary>
internal sealed record PlannedImage
{
    public required ImageUpdatePolicy Policy { get; init; }

    public ImageReference? Current { get; init; }

    public TagInfo? Selected { get; init; }

    public ImageChange? Change { get; init; }

    /// <summary>The image as it runs, when it needs no change: the configured image with the live tag and digest.</summary>
    public ImageChange? UpToDate { get; init; }

    public string? Reason { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    public UpdateError? Error { get; init; }
}
