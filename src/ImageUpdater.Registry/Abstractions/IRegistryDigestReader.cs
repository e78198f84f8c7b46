namespace ImageUpdater.Registry;

/// <summary>Learns the digest a tag points to with a <c>HEAD</c> request (<c>Docker-Content-Digest</c>).</summary>
public interface IRegistryDigestReader
{
    /// <summary>Gets a tag's manifest digest (the index digest for a multi-platform image).</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="tag">The tag.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The digest.</returns>
    /// <exception cref="RegistryException">The registry failed or the tag does not exist.</exception>
    ValueTask<Digest> GetDigestAsync(RegistryRepository repository, string tag, CancellationToken cancellationToken = default);
}
