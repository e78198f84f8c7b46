namespace ImageUpdater.WriteBack.Git.Tests;

/// <summary>Stands for a process that dies after committing: cancels the cycle as its push starts.</summary>
internal sealed class CrashBeforePush(IGitRunner inner, CancellationTokenSource cycle) : IGitRunner
{
    public Task<GitProcessResult> RunAsync(GitInvocation invocation, CancellationToken cancellationToken)
    {
        if (invocation.Subcommand == "push")
        {
            cycle.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
        }

        return inner.RunAsync(invocation, cancellationToken);
    }
}
