using Microsoft.Extensions.Logging;

namespace ImageUpdater.Engine;

/// <content>Log events, each written once where the outcome is decided; no credential reaches any of them.</content>
public sealed partial class UpdateEngine
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Starting image update cycle, considering {Count} annotated application(s) for update (dry run: {DryRun})")]
    private static partial void LogCycleStarting(ILogger logger, int count, bool dryRun);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Application}: Setting new image to {Image}")]
    private static partial void LogSettingNewImage(ILogger logger, string application, string image);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Processing results: applications={Applications} images_considered={Considered} images_skipped={Skipped} images_updated={Updated} errors={Errors} duration={Seconds:0.###}s")]
    private static partial void LogCycleFinished(ILogger logger, int applications, int considered, int skipped, int updated, int errors, double seconds);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "{Application}: image {Image} is not live in the application, skipping")]
    private static partial void LogImageNotLive(ILogger logger, string application, string image);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "{Application}: image {Image} unchanged: {Reason}")]
    private static partial void LogImageUnchanged(ILogger logger, string application, string image, string? reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "{Application}: image {Image} failed ({Kind}): {Message}")]
    private static partial void LogImageFailed(ILogger logger, string application, string image, UpdateErrorKind kind, string message);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "{Application}: configuration rejected: {Message}")]
    private static partial void LogApplicationRejected(ILogger logger, string application, string message);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "{Application}: write-back failed: {Message}")]
    private static partial void LogWriteBackFailed(ILogger logger, string application, string message);

    [LoggerMessage(EventId = 9, Level = LogLevel.Error, Message = "Configuration error: {Message}")]
    private static partial void LogConfigurationError(ILogger logger, string message);

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "After the cycle, {Observer} failed: {Message}")]
    private static partial void LogObserverFailed(ILogger logger, string observer, string message, Exception exception);
}
