namespace ImageUpdater.Engine;

/// <summary>
/// Decides when this process may run update cycles. With several replicas only the leader writes; without leader
/// election the process always leads (<see cref="SoleLeadership"/>).
/// </summary>
public interface IUpdateLeadership
{
    /// <summary>Waits until this process leads.</summary>
    /// <param name="cancellationToken">Stops waiting (the host is shutting down).</param>
    /// <returns>
    /// A token that is cancelled when leadership is lost; a running cycle is linked to it so that a replica that lost
    /// its lease stops writing. <see cref="CancellationToken.None"/> when leadership can never be lost.
    /// </returns>
    ValueTask<CancellationToken> AcquireAsync(CancellationToken cancellationToken);
}
