using Microsoft.Extensions.Logging;

namespace ImageUpdater.Credentials;

/// <content>Log messages; they name the script and never its output.</content>
public sealed partial class ExternalScriptCredentialSource
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Credential script {Path} exited with code {ExitCode} after {ElapsedMilliseconds} ms")]
    private static partial void LogScriptExited(ILogger logger, string path, int exitCode, double elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Credential script {Path} did not finish within {TimeoutSeconds} s and was stopped")]
    private static partial void LogScriptTimedOut(ILogger logger, string path, double timeoutSeconds);
}
