using ImageUpdater.Credentials;

namespace ImageUpdater.Cli.Commands;

/// <summary>
/// Stands in for the SDK's unconfigured secret reader so that a <c>secret:</c> or <c>pullsecret:</c> credential
/// without <c>--secrets-dir</c> names the option, not the SDK setting.
/// </summary>
internal sealed class NoSecretsDirectoryReader : ISecretReader
{
    public ValueTask<IReadOnlyDictionary<string, byte[]>?> ReadSecretAsync(string @namespace, string name, CancellationToken cancellationToken = default) =>
        throw new CredentialUnavailableException(
            "secret: and pullsecret: credentials are read from Kubernetes Secret YAML files: pass their folder with --secrets-dir");
}
