using Microsoft.Extensions.Logging;

namespace ImageUpdater.Annotations;

/// <summary>Log messages of <see cref="AnnotationPolicyReader"/>.</summary>
public sealed partial class AnnotationPolicyReader
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipping {Application}: {Error}")]
    private static partial void LogRejected(ILogger logger, string application, string error);
}
