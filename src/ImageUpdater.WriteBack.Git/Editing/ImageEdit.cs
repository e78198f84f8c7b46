using ImageUpdater.Applications;
using ImageUpdater.Engine;
using ImageUpdater.Policies;

namespace ImageUpdater.WriteBack.Git.Editing;

/// <summary>
/// One image an application runs and the reference it should run, with the keys that name it in each kind of target
/// file. The engine's image change maps onto this.
/// </summary>
internal sealed record ImageEdit
{
    /// <summary>Gets the alias from the image list (empty for an image without one); markers refer to it.</summary>
    public string Alias { get; init; } = string.Empty;

    /// <summary>Gets the image name with its registry when it has one (<c>ghcr.io/org/app</c>).</summary>
    public required string ImageName { get; init; }

    /// <summary>Gets the new tag, if any.</summary>
    public string? Tag { get; init; }

    /// <summary>Gets the new digest (<c>sha256:...</c>), if any.</summary>
    public string? Digest { get; init; }

    /// <summary>Gets the Helm key for the image name (<c>helm.image-name</c>).</summary>
    public string? HelmImageNameKey { get; init; }

    /// <summary>Gets the Helm key for the tag (<c>helm.image-tag</c>).</summary>
    public string? HelmImageTagKey { get; init; }

    /// <summary>Gets the Helm key for the full reference (<c>helm.image-spec</c>); it replaces the name and tag keys.</summary>
    public string? HelmImageSpecKey { get; init; }

    /// <summary>Gets the image's name in the kustomization (<c>kustomize.image-name</c>), when it differs.</summary>
    public string? KustomizeImageName { get; init; }

    /// <summary>Gets the tag with the digest appended (<c>1.2@sha256:...</c>, <c>latest@sha256:...</c> without a tag).</summary>
    public string TagWithDigest => Digest is null ? Tag ?? string.Empty : (Tag ?? "latest") + "@" + Digest;

    /// <summary>Gets the full new reference: <c>name[:tag][@digest]</c>.</summary>
    public string NewImage => ImageName + (Tag is null ? string.Empty : ":" + Tag) + (Digest is null ? string.Empty : "@" + Digest);

    /// <summary>Gets the label that names the image in errors.</summary>
    public string Label => Alias.Length == 0 ? ImageName : Alias;

    /// <summary>Gets where this image is written, as the engine's policy states it.</summary>
    public ImageManifestTarget Target => new()
    {
        HelmImageName = HelmImageNameKey,
        HelmImageTag = HelmImageTagKey,
        HelmImageSpec = HelmImageSpecKey,
        KustomizeImageName = KustomizeImageName,
    };

    /// <summary>Gets the Kustomize image entry for this image: <c>[kustomize-name=]reference</c>.</summary>
    public string KustomizeEntry => ImageParameterRules.KustomizeImage(Target, NewImage);

    /// <summary>
    /// Gets the Helm parameters for this image by the rules the argocd method uses too (<see cref="ImageParameterRules"/>):
    /// the spec key alone, else the name and tag keys, which default to <c>image.name</c> and <c>image.tag</c>.
    /// </summary>
    public IReadOnlyList<HelmParameter> HelmParameters() => ImageParameterRules.HelmParameters(Target, ImageName, TagWithDigest, NewImage);

    /// <summary>
    /// Gets the Helm values keys and values for this image: <see cref="HelmParameters"/>, except that an aliased image
    /// must name its keys (the reference refuses to guess where in a values file an aliased image lives).
    /// </summary>
    /// <exception cref="ConfigurationException">An aliased image has no spec key and lacks a name or tag key.</exception>
    public IReadOnlyList<(string Key, string Value)> HelmValuesKeys()
    {
        if (string.IsNullOrWhiteSpace(HelmImageSpecKey) && Alias.Length > 0 && (HelmImageNameKey is null || HelmImageTagKey is null))
        {
            var missing = HelmImageNameKey is null ? "name" : "tag";
            throw new ConfigurationException(
                $"Image '{Label}' has no helm.image-spec and no helm.image-{missing}: cannot tell which Helm key holds it.",
                new ConfigurationLocation(Key: Alias + ".helm.image-" + missing));
        }

        return [.. HelmParameters().Select(static p => (p.Name, p.Value))];
    }
}
