using Microsoft.Extensions.Logging;

namespace ImageUpdater.WriteBack.Git;

/// <content>Log messages: repository URLs without user info, never arguments or environment.</content>
internal sealed partial class GitWorkspace
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "git {Command} for repository {Repository} exited with {ExitCode} after {ElapsedMilliseconds} ms")]
    private static partial void LogCommand(ILogger logger, string command, string repository, int exitCode, double elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pushed {CommitCount} commits to branch {Branch} of repository {Repository}")]
    private static partial void LogPushed(ILogger logger, int commitCount, string branch, string repository);

    [LoggerMessage(Level = LogLevel.Information, Message = "The push to branch {Branch} of repository {Repository} was rejected because the remote moved; applying the changes again on its new tip (retry {Retry} of {MaxRetries})")]
    private static partial void LogRetrying(ILogger logger, string branch, string repository, int retry, int maxRetries);
}
