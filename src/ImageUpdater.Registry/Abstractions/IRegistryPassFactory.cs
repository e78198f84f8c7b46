namespace ImageUpdater.Registry;

/// <summary>Starts resolution passes (one per update cycle).</summary>
public interface IRegistryPassFactory
{
    /// <summary>
    /// Starts a pass. Tag lists are fetched once per repository within it and forgotten with it; manifests and config
    /// blobs are cached by digest for the life of the process, since their content never changes.
    /// </summary>
    /// <returns>The candidate source for this pass.</returns>
    ITagCandidateSource BeginPass();
}
