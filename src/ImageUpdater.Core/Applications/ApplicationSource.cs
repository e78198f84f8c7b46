namespace ImageUpdater.Applications;

/// <summary>One source of an Argo CD application (<c>spec.source</c> or an entry of <c>spec.sources</c>).</summary>
public sealed record ApplicationSource
{
    /// <summary>Gets the repository (<c>repoURL</c>): a Git URL, or a Helm repository for a chart.</summary>
    public string RepositoryUrl { get; init; } = string.Empty;

    /// <summary>Gets the directory within the repository (<c>path</c>); empty for a chart from a Helm repository.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>Gets the revision (<c>targetRevision</c>); empty or <c>HEAD</c> means the default branch.</summary>
    public string TargetRevision { get; init; } = string.Empty;

    /// <summary>Gets the Helm chart name (<c>chart</c>); empty when the source is a Git path.</summary>
    public string Chart { get; init; } = string.Empty;

    /// <summary>Gets the source's <c>ref</c> name, used by other sources as <c>$ref/...</c>; empty when none.</summary>
    public string Ref { get; init; } = string.Empty;

    /// <summary>Gets the Helm block; <see langword="null"/> when the source has none.</summary>
    public HelmSource? Helm { get; init; }

    /// <summary>Gets the Kustomize block; <see langword="null"/> when the source has none.</summary>
    public KustomizeSource? Kustomize { get; init; }

    /// <summary>Gets the config management plugin block; <see langword="null"/> when the source has none.</summary>
    public PluginSource? Plugin { get; init; }
}
