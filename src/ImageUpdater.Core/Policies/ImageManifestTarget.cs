namespace ImageUpdater.Policies;

/// <summary>
/// Where one image is written in the application: Helm parameter names or the Kustomize image name. Empty values
/// mean the defaults.
/// </summary>
public sealed record ImageManifestTarget
{
    /// <summary>The Helm parameter that receives <c>[registry/]name</c> when none is configured.</summary>
    public const string DefaultHelmImageName = "image.name";

    /// <summary>The Helm parameter that receives the tag when none is configured.</summary>
    public const string DefaultHelmImageTag = "image.tag";

    /// <summary>Gets the target with every default.</summary>
    public static ImageManifestTarget Default { get; } = new();

    /// <summary>Gets the Helm parameter for the image name (<c>helm.image-name</c>); <see langword="null"/> for the default.</summary>
    public string? HelmImageName { get; init; }

    /// <summary>Gets the Helm parameter for the tag (<c>helm.image-tag</c>); <see langword="null"/> for the default.</summary>
    public string? HelmImageTag { get; init; }

    /// <summary>
    /// Gets the Helm parameter for the full reference (<c>helm.image-spec</c>); when set, the name and tag parameters are
    /// not written.
    /// </summary>
    public string? HelmImageSpec { get; init; }

    /// <summary>
    /// Gets the image name as it appears in the kustomization's <c>images</c> list (<c>kustomize.image-name</c>);
    /// <see langword="null"/> when it is the image's own name.
    /// </summary>
    public string? KustomizeImageName { get; init; }

    /// <summary>Gets the Helm name parameter to write: none when a spec parameter is set, else the configured one or <c>image.name</c>.</summary>
    public string? EffectiveHelmImageName =>
        !string.IsNullOrEmpty(HelmImageSpec) ? null : string.IsNullOrEmpty(HelmImageName) ? DefaultHelmImageName : HelmImageName;

    /// <summary>Gets the Helm tag parameter to write: none when a spec parameter is set, else the configured one or <c>image.tag</c>.</summary>
    public string? EffectiveHelmImageTag =>
        !string.IsNullOrEmpty(HelmImageSpec) ? null : string.IsNullOrEmpty(HelmImageTag) ? DefaultHelmImageTag : HelmImageTag;
}
