using System.Text.RegularExpressions;
using ImageUpdater.Applications;
using ImageUpdater.Policies;

namespace ImageUpdater.Engine;

/// <summary>
/// The one set of rules for the parameters that carry an image, as the reference applies them: which Helm parameters a
/// name, tag or spec target gets (all forced to strings), how they merge with parameters already there, their order in
/// an override file, and how Kustomize image entries are set and merged. The argocd method (through
/// <see cref="ApplicationImageSetter"/>) and the git method's override file both use these, so the two can only differ
/// where the reference's own two stages differ.
/// </summary>
internal static partial class ImageParameterRules
{
    /// <summary>
    /// The Helm parameters for one image (the reference's <c>SetHelmImage</c>): the spec parameter with the full
    /// reference when one is configured (it overrides name and tag), else the name parameter (<c>[registry/]name</c>)
    /// and the tag parameter (<c>tag[@digest]</c>, left out when empty as a forced update without a tag has none),
    /// their names defaulting to <c>image.name</c> and <c>image.tag</c>.
    /// </summary>
    public static IReadOnlyList<HelmParameter> HelmParameters(ImageManifestTarget target, ImageReference image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return HelmParameters(target, image.FullName, image.TagWithDigest, image.FullNameWithTag);
    }

    /// <inheritdoc cref="HelmParameters(ImageManifestTarget, ImageReference)"/>
    /// <param name="target">Where the image is written.</param>
    /// <param name="fullName">The image's <c>[registry/]name</c>.</param>
    /// <param name="tagWithDigest">The tag with any digest (<c>tag@digest</c>, <c>latest@digest</c>), or empty.</param>
    /// <param name="reference">The full reference <c>[registry/]name[:tag][@digest]</c>.</param>
    public static IReadOnlyList<HelmParameter> HelmParameters(ImageManifestTarget target, string fullName, string tagWithDigest, string reference)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!string.IsNullOrWhiteSpace(target.HelmImageSpec))
        {
            return [new HelmParameter(target.HelmImageSpec.Trim(), reference, ForceString: true)];
        }

        var parameters = new List<HelmParameter>(2) { new(target.EffectiveHelmImageName!, fullName, ForceString: true) };
        if (tagWithDigest.Length > 0)
        {
            parameters.Add(new HelmParameter(target.EffectiveHelmImageTag!, tagWithDigest, ForceString: true));
        }

        return parameters;
    }

    /// <summary>
    /// Merges Helm parameters (the reference's <c>mergeHelmParams</c>): a parameter of <paramref name="merge"/>
    /// replaces the ones of the same name in place; the others are appended in their order.
    /// </summary>
    public static IReadOnlyList<HelmParameter> MergeHelmParameters(IReadOnlyList<HelmParameter> source, IReadOnlyList<HelmParameter> merge)
    {
        var result = new List<HelmParameter>(source.Count + merge.Count);
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var existing in source)
        {
            var replacement = merge.FirstOrDefault(m => m.Name == existing.Name);
            result.Add(replacement ?? existing);
            if (replacement is not null)
            {
                replaced.Add(replacement.Name);
            }
        }

        foreach (var added in merge)
        {
            if (!replaced.Contains(added.Name))
            {
                result.Add(added);
            }
        }

        return result;
    }

    /// <summary>Orders parameters by name (ordinal, stable), as the reference writes them into an override file.</summary>
    public static IReadOnlyList<HelmParameter> SortByName(IEnumerable<HelmParameter> parameters) =>
        [.. parameters.OrderBy(static p => p.Name, StringComparer.Ordinal)];

    /// <summary>The Kustomize image entry for one image: <c>[kustomize-name=]reference</c>.</summary>
    public static string KustomizeImage(ImageManifestTarget target, string reference)
    {
        ArgumentNullException.ThrowIfNull(target);
        return string.IsNullOrEmpty(target.KustomizeImageName) ? reference : target.KustomizeImageName + "=" + reference;
    }

    /// <summary>
    /// Sets a Kustomize image entry in an Application's list (the reference's <c>SetKustomizeImage</c>): entries naming
    /// the same image (compared without registry, as the reference compares image names) are replaced, then Argo CD's
    /// merge replaces the first entry with the same name before the first <c>=</c>, <c>:</c> or <c>@</c>, or appends
    /// the entry.
    /// </summary>
    public static IReadOnlyList<string> SetKustomizeImage(IReadOnlyList<string> images, string entry)
    {
        var result = images.ToList();
        var wanted = ImageReference.Parse(entry).Name;
        for (var i = 0; i < result.Count; i++)
        {
            if (ImageReference.Parse(result[i]).Name == wanted)
            {
                result[i] = entry;
            }
        }

        var key = KustomizeKey(entry);
        var index = result.FindIndex(existing => KustomizeKey(existing) == key);
        if (index >= 0)
        {
            result[index] = entry;
        }
        else
        {
            result.Add(entry);
        }

        return result;
    }

    /// <summary>
    /// Merges Kustomize image entries into an override file's list (the reference's <c>mergeKustomizeOverride</c>): an
    /// entry replaces the file's first entry for the same image name and registry (Docker Hub's implied registry equal
    /// to an explicit one) when that entry has no tag or digest or a different one; an entry for an image the file
    /// does not hold is appended.
    /// </summary>
    public static IReadOnlyList<string> MergeKustomizeOverride(IReadOnlyList<string> file, IReadOnlyList<string> entries)
    {
        var result = file.ToList();
        foreach (var entry in entries)
        {
            var added = ImageReference.Parse(entry);
            var index = result.FindIndex(e => SameImage(ImageReference.Parse(e), added));
            if (index < 0)
            {
                result.Add(entry);
                continue;
            }

            var old = ImageReference.Parse(result[index]);
            var oldHasTag = old.Tag is not null || old.Digest is not null;
            var newHasTag = added.Tag is not null || added.Digest is not null;
            if (!oldHasTag || (newHasTag && (old.Tag, old.Digest) != (added.Tag, added.Digest)))
            {
                result[index] = entry;
            }
        }

        return result;
    }

    /// <summary>Gets a value indicating whether two references name the same image and registry (the override merge's test).</summary>
    public static bool SameImage(ImageReference a, ImageReference b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Name == b.Name && HubOrEmpty(a.Registry) == HubOrEmpty(b.Registry);
    }

    private static string HubOrEmpty(string registry) => registry == "docker.io" ? string.Empty : registry;

    private static string KustomizeKey(string entry) => KustomizeDelimiter().Split(entry, 2)[0];

    [GeneratedRegex("[=:@]")]
    private static partial Regex KustomizeDelimiter();
}
