namespace ImageUpdater.Annotations;

/// <summary>The annotation keys Argo CD Image Updater reads from an <c>Application</c>.</summary>
public static class AnnotationKeys
{
    /// <summary>The prefix of every key.</summary>
    public const string Prefix = "argocd-image-updater.argoproj.io/";

    /// <summary>The images to update: comma-separated <c>[alias=]image[:constraint]</c>.</summary>
    public const string ImageList = Prefix + "image-list";

    /// <summary>The write-back method: <c>argocd</c>, <c>git</c> or <c>git:&lt;credentials&gt;</c>.</summary>
    public const string WriteBackMethod = Prefix + "write-back-method";

    /// <summary>The Git write-back target: <c>kustomization[:path]</c>, <c>helmvalues[:path]</c> or <c>markers[:path]</c>.</summary>
    public const string WriteBackTarget = Prefix + "write-back-target";

    /// <summary>The Git branch: <c>branch</c>, <c>base:target</c> or <c>:target</c>.</summary>
    public const string GitBranch = Prefix + "git-branch";

    /// <summary>The Git repository to commit to instead of the source's.</summary>
    public const string GitRepository = Prefix + "git-repository";

    /// <summary>The key suffix of the strategy (per alias, with an application-wide fallback).</summary>
    public const string UpdateStrategy = "update-strategy";

    /// <summary>The key suffix of force-update (per alias, with an application-wide fallback).</summary>
    public const string ForceUpdate = "force-update";

    /// <summary>The key suffix of allow-tags (per alias, with an application-wide fallback).</summary>
    public const string AllowTags = "allow-tags";

    /// <summary>The key suffix of ignore-tags (per alias, with an application-wide fallback).</summary>
    public const string IgnoreTags = "ignore-tags";

    /// <summary>The key suffix of the pull secret (per alias, with an application-wide fallback).</summary>
    public const string PullSecret = "pull-secret";

    /// <summary>The key suffix of the platforms (per alias only).</summary>
    public const string Platforms = "platforms";

    /// <summary>The key suffix of the Helm name parameter (per alias).</summary>
    public const string HelmImageName = "helm.image-name";

    /// <summary>The key suffix of the Helm tag parameter (per alias).</summary>
    public const string HelmImageTag = "helm.image-tag";

    /// <summary>The key suffix of the Helm full-reference parameter (per alias).</summary>
    public const string HelmImageSpec = "helm.image-spec";

    /// <summary>The key suffix of the Kustomize image name (per alias).</summary>
    public const string KustomizeImageName = "kustomize.image-name";

    /// <summary>Gets the full key of an application-wide setting, such as <c>argocd-image-updater.argoproj.io/allow-tags</c>.</summary>
    /// <param name="suffix">The suffix, such as <see cref="AllowTags"/>.</param>
    /// <returns>The key.</returns>
    public static string ApplicationWide(string suffix) => Prefix + suffix;

    /// <summary>Gets the full key of a per-alias setting, such as <c>argocd-image-updater.argoproj.io/web.allow-tags</c>.</summary>
    /// <param name="alias">The image alias.</param>
    /// <param name="suffix">The suffix, such as <see cref="AllowTags"/>.</param>
    /// <returns>The key.</returns>
    public static string ForAlias(string alias, string suffix) => Prefix + alias + "." + suffix;
}
