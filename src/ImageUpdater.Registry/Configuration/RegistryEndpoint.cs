namespace ImageUpdater.Registry;

/// <summary>
/// One registry as <c>registries.conf</c> describes it (or as inferred for an unlisted host). Immutable.
/// </summary>
public sealed record RegistryEndpoint
{
    /// <summary>Gets the display name (<c>name</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the base URL of the registry API (<c>api_url</c>), without a trailing slash.</summary>
    public required Uri ApiUrl { get; init; }

    /// <summary>Gets the image prefix this entry serves (<c>prefix</c>), such as <c>ghcr.io</c>; empty for none.</summary>
    public string Prefix { get; init; } = string.Empty;

    /// <summary>Gets a value indicating whether <c>/v2/</c> is pinged to learn the auth scheme (<c>ping</c>).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Ping { get; init; } = true;

    /// <summary>Gets the credential spec (<c>credentials</c>), such as <c>env:GHCR_CREDS</c>; empty for anonymous.</summary>
    public string Credentials { get; init; } = string.Empty;

    /// <summary>Gets how long resolved credentials are reused (<c>credsexpire</c>); <see langword="null"/> = forever.</summary>
    public TimeSpan? CredentialsExpiry { get; init; }

    /// <summary>Gets how the tag list is ordered without fetching metadata (<c>tagsortmode</c>).</summary>
    /// <value>The default value is <see cref="TagSortMode.None"/>.</value>
    public TagSortMode TagSortMode { get; init; }

    /// <summary>Gets a value indicating whether TLS certificate errors are ignored (<c>insecure</c>).</summary>
    public bool Insecure { get; init; }

    /// <summary>Gets the path of a PEM CA bundle trusted for this registry (<c>ca_file</c>); empty for none.</summary>
    public string CaFile { get; init; } = string.Empty;

    /// <summary>Gets PEM CA certificates trusted for this registry (<c>ca_data</c>); empty for none.</summary>
    public string CaData { get; init; } = string.Empty;

    /// <summary>Gets the namespace prepended to single-segment image names (<c>defaultns</c>), such as <c>library</c>.</summary>
    public string DefaultNamespace { get; init; } = string.Empty;

    /// <summary>Gets the maximum requests per second (<c>limit</c>); <see langword="null"/> for no limit.</summary>
    public double? RequestsPerSecond { get; init; }

    /// <summary>Gets a value indicating whether this entry serves images without a registry (<c>default</c>).</summary>
    public bool IsDefault { get; init; }

    /// <summary>Returns the repository path in this registry for an image name, applying <see cref="DefaultNamespace"/>.</summary>
    /// <param name="imageName">The image name without registry, such as <c>nginx</c> or <c>bitnami/nginx</c>.</param>
    /// <returns>The repository path, such as <c>library/nginx</c>.</returns>
    public string RepositoryFor(string imageName)
    {
        ArgumentNullException.ThrowIfNull(imageName);
        return DefaultNamespace.Length > 0 && !imageName.Contains('/', StringComparison.Ordinal)
            ? DefaultNamespace + "/" + imageName
            : imageName;
    }
}

/// <summary>How a registry's tag list is ordered when <c>tagsortmode</c> is set.</summary>
public enum TagSortMode
{
    /// <summary>No order is assumed; strategies fetch what they need.</summary>
    None,

    /// <summary>The newest tag comes first (<c>latest-first</c>).</summary>
    LatestFirst,

    /// <summary>The newest tag comes last (<c>latest-last</c>).</summary>
    LatestLast,
}
