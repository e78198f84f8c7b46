namespace ImageUpdater.Credentials;

/// <summary>
/// One place a registry credential can come from, like Azure.Core's <c>TokenCredential</c>. A source that has nothing
/// for the request throws <see cref="CredentialUnavailableException"/> (a chain moves on); any other
/// <see cref="CredentialException"/> is a failure that stops a chain. Messages never hold a secret.
/// </summary>
public abstract class RegistryCredentialSource
{
    /// <summary>Reads the credential for a registry.</summary>
    /// <param name="registryApiUrl">The registry's API URL, such as <c>https://ghcr.io</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The credential.</returns>
    /// <exception cref="CredentialUnavailableException">The source has no credential for this registry.</exception>
    /// <exception cref="CredentialException">The source failed.</exception>
    public abstract ValueTask<RegistryCredential> GetCredentialAsync(string registryApiUrl, CancellationToken cancellationToken = default);

    /// <summary>Splits <c>user:pass</c> at the first colon.</summary>
    /// <param name="text">The text.</param>
    /// <param name="credential">The credential.</param>
    /// <param name="requireBoth">Whether both parts must be non-empty.</param>
    /// <returns><see langword="true"/> when the text has the form.</returns>
    private protected static bool TrySplitUserPassword(string text, out RegistryCredential? credential, bool requireBoth)
    {
        credential = null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || (requireBoth && (colon == 0 || colon == text.Length - 1)))
        {
            return false;
        }

        credential = new RegistryCredential(text[..colon], text[(colon + 1)..]);
        return true;
    }
}
