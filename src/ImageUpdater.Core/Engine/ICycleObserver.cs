namespace ImageUpdater.Engine;

/// <summary>
/// Hears the result of every cycle that may write (not dry runs), after its write-back: for example the Kubernetes
/// package writes each ImageUpdater resource's <c>status</c> from it. Registered as many as needed.
/// </summary>
/// <remarks>
/// An observer that fails is logged by the engine and does not change the cycle's result; the next cycle calls it
/// again with what is true then.
/// </remarks>
public interface ICycleObserver
{
    /// <summary>Called once per finished cycle that was not a dry run.</summary>
    /// <param name="result">What the cycle did.</param>
    /// <param name="cancellationToken">The cycle's token: cancelled when the host stops or leadership is lost.</param>
    /// <returns>A task that completes when the observer is done.</returns>
    ValueTask OnCycleCompletedAsync(CycleResult result, CancellationToken cancellationToken);
}
