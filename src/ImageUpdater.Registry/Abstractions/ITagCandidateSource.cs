namespace ImageUpdater.Registry;

/// <summary>
/// Produces the candidate tags of one image with the metadata its strategy needs. One source serves one resolution
/// pass: every caller naming the same repository shares one tag-list request.
/// </summary>
public interface ITagCandidateSource
{
    /// <summary>Lists, filters and describes the candidate tags of an image.</summary>
    /// <param name="request">The image, its registry, settings and what the strategy needs.</param>
    /// <param name="cancellationToken">Cancels the work for this image.</param>
    /// <returns>The candidates, and the tags skipped with their reasons.</returns>
    /// <exception cref="RegistryException">The registry or repository failed; other images are unaffected.</exception>
    /// <exception cref="ConfigurationException">The registry's <c>ca_file</c> or <c>ca_data</c> cannot be loaded.</exception>
    ValueTask<TagCandidates> GetCandidatesAsync(TagCandidateRequest request, CancellationToken cancellationToken = default);
}
