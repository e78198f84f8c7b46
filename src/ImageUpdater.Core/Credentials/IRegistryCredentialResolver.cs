namespace ImageUpdater.Credentials;

/// <summary>
/// Turns a credential spec into a credential. The <c>ImageUpdater.Credentials</c> package implements it with caching,
/// expiry and single-flight refresh; registry clients depend only on this interface.
/// </summary>
public interface IRegistryCredentialResolver
{
    /// <summary>Resolves the credential for a registry.</summary>
    /// <param name="request">The spec, registry and refresh wish.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The credential.</returns>
    /// <exception cref="CredentialException">The spec is invalid or its source failed; the message never holds a secret.</exception>
    ValueTask<RegistryCredential> ResolveAsync(RegistryCredentialRequest request, CancellationToken cancellationToken = default);
}
