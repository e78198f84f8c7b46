using Microsoft.Extensions.Options;

namespace ImageUpdater.Registry.Candidates;

/// <summary>Starts passes over the registered readers; the content caches outlive the passes.</summary>
internal sealed class RegistryPassFactory(
    IRegistryTagLister tagLister,
    IRegistryDigestReader digestReader,
    BuildMetadataReader buildMetadata,
    RegistryMetrics metrics,
    IOptions<RegistryClientOptions> options) : IRegistryPassFactory
{
    public ITagCandidateSource BeginPass() => new RegistryPass(tagLister, digestReader, buildMetadata, metrics, options);
}
