namespace ImageUpdater.WriteBack.Git;

/// <summary>Runs one <c>git</c> process.</summary>
internal interface IGitRunner
{
    /// <summary>
    /// Runs git with <paramref name="invocation"/>'s arguments and returns how it ended; a timeout or a non-zero exit
    /// is a result, cancellation throws <see cref="OperationCanceledException"/>.
    /// </summary>
    Task<GitProcessResult> RunAsync(GitInvocation invocation, CancellationToken cancellationToken);
}
