namespace ImageUpdater.Policies;

/// <summary>Which file a Git write-back edits.</summary>
public enum WriteBackTargetKind
{
    /// <summary>The parameter override file <c>.argocd-source-&lt;app&gt;.yaml</c> beside the source (the default).</summary>
    ParameterOverrides,

    /// <summary>The <c>images:</c> list of a <c>kustomization.yaml</c> (<c>kustomization[:path]</c>).</summary>
    Kustomization,

    /// <summary>Keys of a Helm values file (<c>helmvalues[:path]</c>).</summary>
    HelmValues,

    /// <summary>Image references marked by comments in manifests (<c>markers[:path]</c>, an ImageUpdater extension).</summary>
    Markers,

    /// <summary>
    /// The parameter override file at a path of the user's choosing: any other write-back target value, read as a
    /// path relative to the repository root, as the reference keeps it for backward compatibility.
    /// </summary>
    OverrideFile,
}
