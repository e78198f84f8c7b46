using Microsoft.Extensions.Logging;

namespace ImageUpdater.Credentials;

/// <content>Log messages: they name the spec and registry, never a user name or secret.</content>
public sealed partial class RegistryCredentialResolver
{
    [LoggerMessage(Level = LogLevel.Trace, Message = "Using cached credentials from {Spec} for registry {Registry}")]
    private static partial void LogCacheHit(ILogger logger, string spec, string registry);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reading credentials from {Spec} again for registry {Registry}, as requested")]
    private static partial void LogForcedRefresh(ILogger logger, string spec, string registry);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Read credentials from {Spec} for registry {Registry}")]
    private static partial void LogResolved(ILogger logger, string spec, string registry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read credentials from {Spec} for registry {Registry}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string spec, string registry, string reason);
}
