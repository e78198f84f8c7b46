using Microsoft.Extensions.Logging;

namespace ImageUpdater.Registry.Http;

internal sealed partial class RegistryHttpSender
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Registry {Registry} answered {Status} for repository {Repository}; authenticating again (refreshing credentials: {Refresh})")]
    private static partial void LogReauthenticating(ILogger logger, string registry, string repository, int status, bool refresh);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retrying {Url} (attempt {Attempt}) in {Delay} after {Outcome}")]
    private static partial void LogRetrying(ILogger logger, string url, int attempt, TimeSpan delay, string outcome);
}
