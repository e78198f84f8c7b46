using ImageUpdater.Policies;

namespace ImageUpdater.Engine;

/// <summary>One image to change: what the application runs now and what it should run.</summary>
public sealed record ImageChange
{
    /// <summary>Gets the image's policy (alias, settings, Helm or Kustomize target).</summary>
    public required ImageUpdatePolicy Image { get; init; }

    /// <summary>
    /// Gets the image the application runs now, or <see langword="null"/> when it does not run it and the change is
    /// forced (<c>force-update</c>).
    /// </summary>
    public ImageReference? Current { get; init; }

    /// <summary>Gets the image to run: the configured image with the chosen tag and, for the digest strategy, its digest.</summary>
    public required ImageReference New { get; init; }

    /// <summary>Gets the chosen tag with its metadata (labels for commit message templates).</summary>
    public required TagInfo Selected { get; init; }

    /// <summary>Gets the tag (or digest) the application runs now as templates show it: the digest when there is one.</summary>
    public string OldTag => Current is null ? string.Empty : Current.Digest ?? Current.Tag ?? string.Empty;

    /// <summary>Gets the new tag as templates show it: the digest when there is one.</summary>
    public string NewTag => New.Digest ?? New.Tag ?? string.Empty;
}
