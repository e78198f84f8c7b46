namespace ImageUpdater.Registry;

/// <summary>
/// A repository in a registry, together with the credential spec used to read it. Two images that name the same
/// repository with the same credentials share one tag list per resolution pass.
/// </summary>
public sealed record RegistryRepository
{
    /// <summary>Creates a repository reference.</summary>
    /// <param name="endpoint">The registry.</param>
    /// <param name="name">The repository path in the registry, such as <c>library/nginx</c>.</param>
    /// <param name="credentialSpec">
    /// The credential spec (a per-image pull secret, else the registry's <c>credentials</c>); empty for anonymous.
    /// </param>
    public RegistryRepository(RegistryEndpoint endpoint, string name, string credentialSpec = "")
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(credentialSpec);
        Endpoint = endpoint;
        Name = name;
        CredentialSpec = credentialSpec;
    }

    /// <summary>Gets the registry.</summary>
    public RegistryEndpoint Endpoint { get; }

    /// <summary>Gets the repository path in the registry, such as <c>library/nginx</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the credential spec used for this repository; empty for anonymous. Never a secret itself.</summary>
    public string CredentialSpec { get; }

    /// <summary>Creates the repository an image lives in: <c>defaultns</c> applied, the image's pull secret preferred.</summary>
    /// <param name="endpoint">The registry the image resolves to.</param>
    /// <param name="image">The image.</param>
    /// <param name="pullSecret">The image's pull-secret spec; empty or <see langword="null"/> to use the registry's.</param>
    /// <returns>The repository.</returns>
    public static RegistryRepository For(RegistryEndpoint endpoint, ImageReference image, string? pullSecret = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(image);
        var credentials = string.IsNullOrEmpty(pullSecret) ? endpoint.Credentials : pullSecret;
        return new RegistryRepository(endpoint, endpoint.RepositoryFor(image.Name), credentials);
    }

    /// <summary>Returns <c>api-url/name</c>.</summary>
    /// <returns>A text safe to log.</returns>
    public override string ToString() => Endpoint.ApiUrl.GetLeftPart(UriPartial.Authority) + "/" + Name;
}
