namespace ImageUpdater.Registry;

/// <summary>Lists a repository's tags, following <c>Link: &lt;...&gt;; rel="next"</c> pages.</summary>
public interface IRegistryTagLister
{
    /// <summary>Lists the tags in the registry's order, page by page.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The tags.</returns>
    /// <exception cref="RegistryException">The registry failed, or a cap (pages, tags, bytes) was exceeded.</exception>
    IAsyncEnumerable<string> ListTagsAsync(RegistryRepository repository, CancellationToken cancellationToken = default);
}
