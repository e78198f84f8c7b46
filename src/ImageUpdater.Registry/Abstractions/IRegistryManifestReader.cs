namespace ImageUpdater.Registry;

/// <summary>Fetches and parses a manifest by tag or digest, accepting OCI and Docker image manifests and indexes.</summary>
public interface IRegistryManifestReader
{
    /// <summary>Fetches a manifest.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="reference">A tag or a digest.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The manifest, its digest being the sha256 of the raw bytes.</returns>
    /// <exception cref="RegistryException">The registry failed, the manifest is too large or unreadable.</exception>
    ValueTask<RegistryManifest> GetManifestAsync(RegistryRepository repository, string reference, CancellationToken cancellationToken = default);
}
