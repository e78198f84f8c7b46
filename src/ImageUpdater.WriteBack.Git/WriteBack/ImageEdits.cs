using ImageUpdater.Engine;
using ImageUpdater.Policies;
using ImageUpdater.WriteBack.Git.Editing;

namespace ImageUpdater.WriteBack.Git;

/// <summary>Maps the engine's images onto the editors' input: one <see cref="ImageEdit"/> per image.</summary>
internal static class ImageEdits
{
    /// <summary>The edit that sets <paramref name="change"/>'s new reference.</summary>
    public static ImageEdit From(ImageChange change) => For(change.Image, change.New);

    /// <summary>
    /// The edit of <paramref name="image"/> that sets <paramref name="reference"/> (its tag and digest); with the policy's
    /// own image it only names the keys, which is what reading needs.
    /// </summary>
    public static ImageEdit For(ImageUpdatePolicy image, ImageReference reference)
    {
        var target = image.Target;
        return new ImageEdit
        {
            Alias = image.Image.Alias,
            ImageName = reference.FullName,
            Tag = reference.Tag,
            Digest = reference.Digest,

            // The editors treat an absent key as "use the default", so the policy's empty strings mean absent.
            HelmImageNameKey = NullIfEmpty(target.HelmImageName),
            HelmImageTagKey = NullIfEmpty(target.HelmImageTag),
            HelmImageSpecKey = NullIfEmpty(target.HelmImageSpec),
            KustomizeImageName = NullIfEmpty(target.KustomizeImageName),
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
