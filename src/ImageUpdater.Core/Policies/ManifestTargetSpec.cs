namespace ImageUpdater.Policies;

/// <summary>Where an image is written (<c>manifestTargets</c>): exactly one of <see cref="Helm"/> or <see cref="Kustomize"/>.</summary>
public sealed record ManifestTargetSpec
{
    /// <summary>Gets the Helm parameter names.</summary>
    public HelmTargetSpec? Helm { get; init; }

    /// <summary>Gets the Kustomize image name.</summary>
    public KustomizeTargetSpec? Kustomize { get; init; }

    /// <summary>Converts to the policy's target; a spec parameter makes name and tag irrelevant, as in the reference.</summary>
    /// <returns>The target.</returns>
    internal ImageManifestTarget ToImageManifestTarget()
    {
        if (Helm is { } helm)
        {
            return !string.IsNullOrEmpty(helm.Spec)
                ? new ImageManifestTarget { HelmImageSpec = helm.Spec }
                : new ImageManifestTarget { HelmImageName = Empty(helm.Name), HelmImageTag = Empty(helm.Tag) };
        }

        return new ImageManifestTarget { KustomizeImageName = Empty(Kustomize?.Name) };

        static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}

/// <summary>Helm parameter names for an image (<c>manifestTargets.helm</c>).</summary>
public sealed record HelmTargetSpec
{
    /// <summary>Gets the parameter for <c>[registry/]name</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the parameter for the tag.</summary>
    public string? Tag { get; init; }

    /// <summary>Gets the parameter for the full reference; when set, <see cref="Name"/> and <see cref="Tag"/> are ignored.</summary>
    public string? Spec { get; init; }
}

/// <summary>The Kustomize image name for an image (<c>manifestTargets.kustomize</c>).</summary>
public sealed record KustomizeTargetSpec
{
    /// <summary>Gets the name as it appears in the kustomization's <c>images</c> list.</summary>
    public string? Name { get; init; }
}
