namespace ImageUpdater.Credentials;

/// <summary>What a registry client asks a credential resolver for.</summary>
public sealed record RegistryCredentialRequest
{
    /// <summary>
    /// Gets the credential spec as the reference writes it: <c>[registry=]pullsecret:ns/name</c>,
    /// <c>secret:ns/name#field</c>, <c>env:VAR</c>, <c>ext:/path</c>, or <c>dockerconfig:/path</c>.
    /// </summary>
    public required string Spec { get; init; }

    /// <summary>Gets the API URL of the registry, such as <c>https://ghcr.io</c>; pull secrets are matched to it.</summary>
    public required string RegistryApiUrl { get; init; }

    /// <summary>
    /// Gets the namespace of the application whose image pull secret <see cref="Spec"/> is; <c>pullsecret:</c> and
    /// <c>secret:</c> specs naming another namespace are refused, as the reference refuses them. Empty when the spec
    /// is not an application's (a <c>registries.conf</c> entry) or the namespace is unknown: no restriction.
    /// </summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary>
    /// Gets how long a resolved credential may be reused (the registry's <c>credsexpire</c>);
    /// <see langword="null"/> means until the process ends.
    /// </summary>
    public TimeSpan? Expiry { get; init; }

    /// <summary>
    /// Gets a value indicating whether a cached credential must be read again (the registry answered 401 or 403 to it).
    /// </summary>
    public bool ForceRefresh { get; init; }
}
