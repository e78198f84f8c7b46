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
    /// <param name="credentialNamespace">
    /// The namespace the spec's secret must be in (the application's, for its pull secret); empty for no restriction.
    /// </param>
    public RegistryRepository(RegistryEndpoint endpoint, string name, string credentialSpec = "", string credentialNamespace = "")
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(credentialSpec);
        ArgumentNullException.ThrowIfNull(credentialNamespace);
        Endpoint = endpoint;
        Name = name;
        CredentialSpec = credentialSpec;
        CredentialNamespace = credentialSpec.Length == 0 ? string.Empty : credentialNamespace;
    }

    /// <summary>Gets the registry.</summary>
    public RegistryEndpoint Endpoint { get; }

    /// <summary>Gets the repository path in the registry, such as <c>library/nginx</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the credential spec used for this repository; empty for anonymous. Never a secret itself.</summary>
    public string CredentialSpec { get; }

    /// <summary>Gets the namespace <see cref="CredentialSpec"/>'s secret must be in; empty for no restriction.</summary>
    public string CredentialNamespace { get; }

    /// <summary>Creates the repository an image lives in: <c>defaultns</c> applied, the image's pull secret preferred.</summary>
    /// <param name="endpoint">The registry the image resolves to.</param>
    /// <param name="image">The image.</param>
    /// <param name="pullSecret">The image's pull-secret spec; empty or <see langword="null"/> to use the registry's.</param>
    /// <param name="applicationNamespace">
    /// The namespace of the application the image belongs to: its pull secret may only name a secret there. The
    /// registry's own credentials are the operator's and are not restricted.
    /// </param>
    /// <returns>The repository.</returns>
    public static RegistryRepository For(RegistryEndpoint endpoint, ImageReference image, string? pullSecret = null, string applicationNamespace = "")
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(applicationNamespace);
        var name = endpoint.RepositoryFor(image.Name);
        return string.IsNullOrEmpty(pullSecret)
            ? new RegistryRepository(endpoint, name, endpoint.Credentials)
            : new RegistryRepository(endpoint, name, pullSecret, applicationNamespace);
    }

    /// <summary>Returns <c>api-url/name</c>.</summary>
    /// <returns>A text safe to log.</returns>
    public override string ToString() => Endpoint.ApiUrl.GetLeftPart(UriPartial.Authority) + "/" + Name;
}
