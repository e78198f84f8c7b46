namespace ImageUpdater.Credentials;

/// <summary>Stands in when no secret store is configured, so <c>secret:</c> and <c>pullsecret:</c> specs are unavailable.</summary>
internal sealed class UnconfiguredSecretReader : ISecretReader
{
    public static UnconfiguredSecretReader Instance { get; } = new();

    public ValueTask<IReadOnlyDictionary<string, byte[]>?> ReadSecretAsync(string @namespace, string name, CancellationToken cancellationToken = default) =>
        throw new CredentialUnavailableException(
            "no secret reader is configured (set RegistryCredentialOptions.SecretsDirectory or register an ISecretReader)");
}
