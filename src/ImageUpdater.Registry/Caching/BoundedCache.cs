using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace ImageUpdater.Registry.Caching;

/// <summary>
/// A concurrent map with a size cap: when full it is emptied and fills again. Entries are immutable content (or
/// carry their own expiry), so dropping them costs only requests, never correctness.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new(comparer);
    private int _count;

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value) => _entries.TryGetValue(key, out value);

    public void Set(TKey key, TValue value)
    {
        if (_entries.TryAdd(key, value))
        {
            if (Interlocked.Increment(ref _count) > capacity)
            {
                _entries.Clear();
                Interlocked.Exchange(ref _count, 0);
            }
        }
        else
        {
            _entries[key] = value;
        }
    }

    public void Remove(TKey key)
    {
        if (_entries.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
