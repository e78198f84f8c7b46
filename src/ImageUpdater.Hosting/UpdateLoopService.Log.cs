using Microsoft.Extensions.Logging;

namespace ImageUpdater.Hosting;

internal sealed partial class UpdateLoopService
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Update loop starting [interval: {IntervalSeconds} s, dry run: {DryRun}]")]
    private static partial void LogLoopStarting(ILogger logger, double intervalSeconds, bool dryRun);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Warming up image cache")]
    private static partial void LogWarmingUp(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Finished cache warm-up: {Applications} application(s), {Images} image(s) in {Seconds:0.###} s")]
    private static partial void LogWarmedUp(ILogger logger, int applications, int images, double seconds);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Cache warm-up failed: {Reason}")]
    private static partial void LogWarmUpFailed(ILogger logger, string reason, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Waiting for leadership")]
    private static partial void LogWaitingForLeadership(ILogger logger);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Leading: update cycles start")]
    private static partial void LogLeading(ILogger logger);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Leadership lost: update cycles stop until it is acquired again")]
    private static partial void LogLeadershipLost(ILogger logger);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Update cycle cancelled: leadership was lost")]
    private static partial void LogCycleCancelledByLeadership(ILogger logger);

    [LoggerMessage(EventId = 9, Level = LogLevel.Error, Message = "Update cycle could not run: {Reason}")]
    private static partial void LogCycleFailed(ILogger logger, string reason, Exception exception);

    [LoggerMessage(EventId = 10, Level = LogLevel.Critical, Message = "Update loop stopped on an unexpected error")]
    private static partial void LogLoopFaulted(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Update loop stopped")]
    private static partial void LogLoopStopped(ILogger logger);
}
