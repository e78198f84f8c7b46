namespace ImageUpdater.Policies;

/// <summary>
/// An <c>ImageUpdater</c> custom resource (<c>argocd-image-updater.argoproj.io/v1alpha1</c>): settings and rules
/// selecting the applications of its own namespace.
/// </summary>
public sealed record ImageUpdaterResource
{
    /// <summary>The API version of the resource.</summary>
    public const string ApiVersion = "argocd-image-updater.argoproj.io/v1alpha1";

    /// <summary>The kind of the resource.</summary>
    public const string Kind = "ImageUpdater";

    /// <summary>Gets the resource's name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the resource's namespace, where its applications are looked up.</summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary>Gets the global settings (<c>spec.commonUpdateSettings</c>).</summary>
    public CommonUpdateSettingsSpec? CommonUpdateSettings { get; init; }

    /// <summary>Gets the global write-back settings (<c>spec.writeBackConfig</c>).</summary>
    public WriteBackConfigSpec? WriteBackConfig { get; init; }

    /// <summary>Gets the rules (<c>spec.applicationRefs</c>); at least one is required.</summary>
    public IReadOnlyList<ApplicationRefSpec> ApplicationRefs { get; init; } = [];

    /// <summary>Gets where the resource was read from.</summary>
    public ConfigurationLocation Location { get; init; }

    /// <summary>Gets <c>ImageUpdater namespace/name</c>, the way errors name the object.</summary>
    public string DisplayName => Namespace.Length == 0 ? Kind + " " + Name : Kind + " " + Namespace + "/" + Name;

    /// <summary>Returns <see cref="DisplayName"/>.</summary>
    /// <returns>The display name.</returns>
    public override string ToString() => DisplayName;
}
