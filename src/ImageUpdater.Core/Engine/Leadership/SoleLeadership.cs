namespace ImageUpdater.Engine;

/// <summary>The leadership of a process that runs alone: it leads at once and for ever.</summary>
public sealed class SoleLeadership : IUpdateLeadership
{
    /// <inheritdoc />
    public ValueTask<CancellationToken> AcquireAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(CancellationToken.None);
    }
}
