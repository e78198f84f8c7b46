using System.Collections.Concurrent;

namespace ImageUpdater.Registry.Caching;

/// <summary>
/// Runs at most one piece of work per key at a time; callers arriving while it runs share its result. The work runs
/// without the callers' cancellation (each caller stops waiting on its own token), so one caller giving up does not
/// fail the others.
/// </summary>
internal sealed class SingleFlight<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<Task<TValue>>> _running;

    public SingleFlight(IEqualityComparer<TKey>? comparer = null) => _running = new(comparer);

    public Task<TValue> RunAsync(TKey key, Func<TKey, Task<TValue>> work, CancellationToken cancellationToken)
    {
        var entry = _running.GetOrAdd(key, k => new Lazy<Task<TValue>>(() => RunThenForget(k, work)));
        var task = entry.Value;
        return cancellationToken.CanBeCanceled ? task.WaitAsync(cancellationToken) : task;
    }

    private async Task<TValue> RunThenForget(TKey key, Func<TKey, Task<TValue>> work)
    {
        try
        {
            await Task.Yield(); // leave the Lazy's factory before the entry can be removed
            return await work(key).ConfigureAwait(false);
        }
        finally
        {
            _running.TryRemove(key, out _);
        }
    }
}
