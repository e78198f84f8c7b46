using ImageUpdater.Policies;

namespace ImageUpdater.Engine;

/// <summary>
/// The reference's update rules for one image: which live image it is, whether it needs a change, and what the new
/// reference is.
/// </summary>
internal static class UpdatePlanner
{
    /// <summary>
    /// Finds the live image <paramref name="image"/> refers to: same name and, strictly, the same registry text
    /// (the reference compares <c>""</c> and <c>docker.io</c> as different here).
    /// </summary>
    public static ImageReference? FindLive(ImageUpdatePolicy image, IReadOnlyList<ImageReference> liveImages)
    {
        foreach (var live in liveImages)
        {
            if (live.IsSameImage(image.Image))
            {
                return live;
            }
        }

        return null;
    }

    /// <summary>Decides what a resolved image needs.</summary>
    public static PlannedImage Plan(ImageUpdatePolicy image, ImageReference? current, ImageResolution resolution)
    {
        var planned = new PlannedImage { Policy = image, Current = current, Warnings = resolution.Warnings };
        if (resolution.Error is { } error)
        {
            return planned with { Error = error };
        }

        if (resolution.Selected is not { } selected)
        {
            return planned with { Reason = "no tag qualifies: " + resolution.Funnel };
        }

        var isDigest = string.Equals(resolution.Strategy, TagStrategyNames.Digest, StringComparison.OrdinalIgnoreCase);
        var next = image.Image.WithTag(selected.Name, isDigest ? selected.Digest?.ToString() : null) with { Alias = image.Image.Alias };
        planned = planned with { Selected = selected };
        if (!NeedsUpdate(current, selected, isDigest))
        {
            var running = image.Image.WithTag(current!.Tag, current.Digest) with { Alias = image.Image.Alias };
            return planned with
            {
                Reason = "already runs " + Describe(next),
                UpToDate = new ImageChange { Image = image, Current = current, New = running, Selected = selected },
            };
        }

        return planned with
        {
            Change = new ImageChange { Image = image, Current = current, New = next, Selected = selected },
        };
    }

    /// <summary>Renders an image as results show it: <c>[registry/]name:tag[@digest]</c>.</summary>
    public static string Describe(ImageReference image) => image.FullNameWithTag;

    // The digest strategy compares digests (a live image referenced by tag only always needs one); the others compare
    // tag names.
    private static bool NeedsUpdate(ImageReference? current, TagInfo selected, bool isDigest)
    {
        if (current is null)
        {
            return true;
        }

        if (isDigest)
        {
            return selected.Digest is not { } digest || !string.Equals(current.Digest, digest.ToString(), StringComparison.Ordinal);
        }

        return !string.Equals(current.Tag, selected.Name, StringComparison.Ordinal);
    }
}
