using System.Diagnostics.CodeAnalysis;

namespace ImageUpdater.Caching;

/// <summary>
/// A thread-safe map holding at most <see cref="Capacity"/> entries: adding to a full cache evicts the one entry
/// read or written least recently. Entries are immutable content (or carry their own expiry), so an eviction costs
/// only a request, never correctness.
/// </summary>
/// <remarks>
/// One lock guards a dictionary and a recency list (most recent first); every operation is O(1) and holds the lock
/// only for a few pointer moves. The evicted node is reused for the new entry, so a full cache allocates nothing more.
/// </remarks>
internal sealed class LruCache<TKey, TValue>
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, LinkedListNode<Entry>> _nodes;
    private readonly LinkedList<Entry> _recency = new();

    public LruCache(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _nodes = new Dictionary<TKey, LinkedListNode<Entry>>(comparer);
    }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _nodes.Count;
            }
        }
    }

    /// <summary>Gets a value and marks it as the most recently used.</summary>
    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        lock (_gate)
        {
            if (!_nodes.TryGetValue(key, out var node))
            {
                value = default;
                return false;
            }

            MoveToFront(node);
            value = node.Value.Value;
            return true;
        }
    }

    /// <summary>Adds or replaces a value as the most recently used, evicting the least recently used if full.</summary>
    public void Set(TKey key, TValue value)
    {
        lock (_gate)
        {
            if (_nodes.TryGetValue(key, out var node))
            {
                node.Value = new Entry(key, value);
                MoveToFront(node);
                return;
            }

            if (_nodes.Count < Capacity)
            {
                node = new LinkedListNode<Entry>(new Entry(key, value));
            }
            else
            {
                node = _recency.Last!;
                _recency.RemoveLast();
                _nodes.Remove(node.Value.Key);
                node.Value = new Entry(key, value);
            }

            _recency.AddFirst(node);
            _nodes.Add(key, node);
        }
    }

    public void Remove(TKey key)
    {
        lock (_gate)
        {
            if (_nodes.Remove(key, out var node))
            {
                _recency.Remove(node);
            }
        }
    }

    private void MoveToFront(LinkedListNode<Entry> node)
    {
        if (node != _recency.First)
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
        }
    }

    private readonly record struct Entry(TKey Key, TValue Value);
}
