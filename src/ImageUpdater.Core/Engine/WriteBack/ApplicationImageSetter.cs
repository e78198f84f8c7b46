using System.Text.RegularExpressions;
using ImageUpdater.Applications;

namespace ImageUpdater.Engine;

/// <summary>
/// Sets images in an Application's Helm parameters or Kustomize images as the reference does. The argocd method writes
/// the result to the Application; the git method writes the same parameters into an override file.
/// </summary>
internal static partial class ApplicationImageSetter
{
    /// <summary>Applies every change to <paramref name="source"/> (its Helm or Kustomize block, by <paramref name="type"/>).</summary>
    /// <exception cref="InvalidOperationException">The source is neither Helm nor Kustomize.</exception>
    public static ApplicationSource Apply(ApplicationSource source, ApplicationSourceType type, IEnumerable<ImageChange> changes)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(changes);
        switch (type)
        {
            case ApplicationSourceType.Helm:
                var parameters = source.Helm?.Parameters ?? [];
                foreach (var change in changes)
                {
                    parameters = MergeHelmParameters(parameters, HelmParameters(change));
                }

                return source with { Helm = (source.Helm ?? new HelmSource()) with { Parameters = parameters } };

            case ApplicationSourceType.Kustomize:
                var images = source.Kustomize?.Images ?? [];
                foreach (var change in changes)
                {
                    images = SetKustomizeImage(images, KustomizeImage(change));
                }

                return source with { Kustomize = (source.Kustomize ?? new KustomizeSource()) with { Images = images } };

            default:
                throw new InvalidOperationException("Only Helm and Kustomize sources take image parameters.");
        }
    }

    /// <summary>
    /// The Helm parameters for one image: the spec parameter with the full reference when one is configured (it
    /// overrides name and tag), else the name parameter (<c>[registry/]name</c>) and the tag parameter
    /// (<c>tag[@digest]</c>, left out when empty as a forced update without a tag has none).
    /// </summary>
    public static IReadOnlyList<HelmParameter> HelmParameters(ImageChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var target = change.Image.Target;
        var image = change.New;
        if (!string.IsNullOrEmpty(target.HelmImageSpec))
        {
            return [new HelmParameter(target.HelmImageSpec, image.FullNameWithTag, ForceString: true)];
        }

        var parameters = new List<HelmParameter>(2) { new(target.EffectiveHelmImageName!, image.FullName, ForceString: true) };
        if (image.TagWithDigest is { Length: > 0 } tag)
        {
            parameters.Add(new HelmParameter(target.EffectiveHelmImageTag!, tag, ForceString: true));
        }

        return parameters;
    }

    /// <summary>
    /// Merges Helm parameters: a parameter of <paramref name="merge"/> replaces the one of the same name in place; the
    /// others are appended in their order.
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

    /// <summary>The Kustomize image entry for one image: <c>[kustomize-name=]reference</c>.</summary>
    public static string KustomizeImage(ImageChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var reference = change.New.FullNameWithTag;
        return string.IsNullOrEmpty(change.Image.Target.KustomizeImageName) ? reference : change.Image.Target.KustomizeImageName + "=" + reference;
    }

    /// <summary>
    /// Sets a Kustomize image entry: entries naming the same image (compared without registry, as the reference
    /// compares image names) are replaced, then Argo CD's merge replaces the first entry with the same name before
    /// the first <c>=</c>, <c>:</c> or <c>@</c>, or appends the entry.
    /// </summary>
    public static IReadOnlyList<string> SetKustomizeImage(IReadOnlyList<string> images, string entry)
    {
        var result = images.ToList();
        var wanted = ImageNameOf(entry);
        for (var i = 0; i < result.Count; i++)
        {
            if (ImageNameOf(result[i]) == wanted)
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

    // The reference parses "name=image" and compares the image name without its registry.
    private static string ImageNameOf(string entry) => ImageReference.Parse(entry).Name;

    private static string KustomizeKey(string entry) => KustomizeDelimiter().Split(entry, 2)[0];

    [GeneratedRegex("[=:@]")]
    private static partial Regex KustomizeDelimiter();
}
