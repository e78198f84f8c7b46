using Microsoft.Extensions.Logging;

namespace ImageUpdater.Registry.Candidates;

internal sealed partial class BuildMetadataReader
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Leaving out {Repository}:{Tag}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, RegistryRepository repository, string tag, string reason);
}
