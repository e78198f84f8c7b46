namespace ImageUpdater.Credentials;

/// <summary>Reads one field of a secret with the reference's error texts.</summary>
internal static class SecretField
{
    public static async ValueTask<byte[]> ReadAsync(ISecretReader reader, string ns, string name, string field, string allowedNamespace, CancellationToken cancellationToken)
    {
        // An application may only use secrets of its own namespace: its settings must not read another team's secret.
        if (allowedNamespace.Length > 0 && !string.Equals(ns, allowedNamespace, StringComparison.Ordinal))
        {
            throw new CredentialException(
                $"secret '{name}' is in namespace '{ns}', but the application is in namespace '{allowedNamespace}'; "
                + "an application's pull secret must be in its own namespace");
        }

        var prefix = $"could not fetch secret '{name}' from namespace '{ns}' (field: '{field}'): ";
        IReadOnlyDictionary<string, byte[]>? data;
        try
        {
            data = await reader.ReadSecretAsync(ns, name, cancellationToken).ConfigureAwait(false);
        }
        catch (CredentialUnavailableException ex)
        {
            throw new CredentialUnavailableException(prefix + ex.Message, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Reader messages name files and keys, never values.
            throw new CredentialException(prefix + ex.Message, ex);
        }

        if (data is null)
        {
            throw new CredentialUnavailableException(prefix + $"secret '{ns}/{name}' not found");
        }

        return data.TryGetValue(field, out var value)
            ? value
            : throw new CredentialUnavailableException(prefix + $"secret '{ns}/{name}' does not have a field '{field}'");
    }
}
