namespace ImageUpdater.Registry;

/// <summary>Reads an image config blob (<c>created</c>, labels, platform).</summary>
public interface IRegistryConfigReader
{
    /// <summary>Fetches and parses a config blob.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="digest">The blob's digest.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The config.</returns>
    /// <exception cref="RegistryException">The registry failed, the blob is too large or unreadable.</exception>
    ValueTask<ImageConfig> GetConfigAsync(RegistryRepository repository, Digest digest, CancellationToken cancellationToken = default);
}
