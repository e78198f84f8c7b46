using ImageUpdater.Applications;

namespace ImageUpdater.Engine;

/// <summary>
/// Sets images in an Application's Helm parameters or Kustomize images as the reference does, with
/// <see cref="ImageParameterRules"/>. The argocd method writes the result to the Application; the git method's
/// override file applies the same rules.
/// </summary>
internal static class ApplicationImageSetter
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

    /// <summary>The Helm parameters for one image; see <see cref="ImageParameterRules.HelmParameters(ImageUpdater.Policies.ImageManifestTarget, ImageReference)"/>.</summary>
    public static IReadOnlyList<HelmParameter> HelmParameters(ImageChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return ImageParameterRules.HelmParameters(change.Image.Target, change.New);
    }

    /// <inheritdoc cref="ImageParameterRules.MergeHelmParameters"/>
    public static IReadOnlyList<HelmParameter> MergeHelmParameters(IReadOnlyList<HelmParameter> source, IReadOnlyList<HelmParameter> merge) =>
        ImageParameterRules.MergeHelmParameters(source, merge);

    /// <summary>The Kustomize image entry for one image: <c>[kustomize-name=]reference</c>.</summary>
    public static string KustomizeImage(ImageChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return ImageParameterRules.KustomizeImage(change.Image.Target, change.New.FullNameWithTag);
    }

    /// <inheritdoc cref="ImageParameterRules.SetKustomizeImage"/>
    public static IReadOnlyList<string> SetKustomizeImage(IReadOnlyList<string> images, string entry) =>
        ImageParameterRules.SetKustomizeImage(images, entry);
}
