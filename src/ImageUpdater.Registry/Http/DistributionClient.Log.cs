using Microsoft.Extensions.Logging;

namespace ImageUpdater.Registry.Http;

internal sealed partial class DistributionClient
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Listed {Count} tags of {Registry}/{Repository} in {Pages} page(s)")]
    private static partial void LogListedTags(ILogger logger, string registry, string repository, int count, int pages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Left out {Count} entries of the tag list of {Registry}/{Repository} that are not valid tag names")]
    private static partial void LogInvalidTagNames(ILogger logger, string registry, string repository, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Registry {Registry} sent no Docker-Content-Digest for {Repository}:{Tag}; hashing the manifest instead")]
    private static partial void LogNoDigestHeader(ILogger logger, string registry, string repository, string tag);
}
