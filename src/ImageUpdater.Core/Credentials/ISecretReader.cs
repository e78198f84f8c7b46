namespace ImageUpdater.Credentials;

/// <summary>
/// Reads a Kubernetes-style secret (a name and a map of byte values). The Kubernetes package reads them from the API;
/// the Credentials package ships an in-memory reader and one reading Secret YAML files.
/// </summary>
public interface ISecretReader
{
    /// <summary>Reads a secret.</summary>
    /// <param name="namespace">The namespace.</param>
    /// <param name="name">The secret's name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The secret's data (decoded bytes by key), or <see langword="null"/> when there is no such secret.</returns>
    ValueTask<IReadOnlyDictionary<string, byte[]>?> ReadSecretAsync(string @namespace, string name, CancellationToken cancellationToken = default);
}
