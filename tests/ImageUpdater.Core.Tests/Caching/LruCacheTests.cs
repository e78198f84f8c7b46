using ImageUpdater.Caching;

namespace ImageUpdater.Core.Tests.Caching;

public sealed class LruCacheTests
{
    private const int Capacity = 8;

    [Fact]
    public void Many_distinct_keys_never_hold_more_than_the_capacity_and_the_latest_survive()
    {
        var cache = new LruCache<string, int>(Capacity, StringComparer.Ordinal);

        for (var i = 0; i < 5_000; i++)
        {
            cache.Set(Repository(i), i);
            Assert.True(cache.Count <= Capacity, $"{cache.Count} entries after {i + 1} writes");
        }

        Assert.Equal(Capacity, cache.Count);
        for (var i = 5_000 - Capacity; i < 5_000; i++)
        {
            Assert.True(cache.TryGet(Repository(i), out var value));
            Assert.Equal(i, value);
        }

        Assert.False(cache.TryGet(Repository(5_000 - Capacity - 1), out _));
    }

    [Fact]
    public void Each_write_to_a_full_cache_evicts_exactly_the_least_recently_used_entry()
    {
        var cache = Filled();

        for (var i = Capacity; i < 3 * Capacity; i++)
        {
            cache.Set(i, i);

            Assert.Equal(Capacity, cache.Count); // one out for one in, never a drop-everything burst
            Assert.False(cache.TryGet(i - Capacity, out _));
        }

        Assert.All(Enumerable.Range(2 * Capacity, Capacity), i => Assert.True(cache.TryGet(i, out _)));
    }

    [Fact]
    public void A_read_keeps_an_old_entry_and_the_next_oldest_goes_instead()
    {
        var cache = Filled();

        Assert.True(cache.TryGet(0, out _));
        cache.Set(100, 100);
        cache.Set(101, 101);

        Assert.True(cache.TryGet(0, out _));
        Assert.False(cache.TryGet(1, out _));
        Assert.False(cache.TryGet(2, out _));
        Assert.Equal(Capacity, cache.Count);
    }

    [Fact]
    public void Replacing_a_value_keeps_the_count_and_makes_it_most_recent()
    {
        var cache = Filled();

        cache.Set(0, -1);
        cache.Set(100, 100);

        Assert.Equal(Capacity, cache.Count);
        Assert.True(cache.TryGet(0, out var replaced));
        Assert.Equal(-1, replaced);
        Assert.False(cache.TryGet(1, out _));
    }

    [Fact]
    public void A_removed_entry_frees_its_place_and_the_next_write_to_a_full_cache_evicts_one()
    {
        var cache = Filled();

        cache.Remove(3);
        cache.Remove(3);
        cache.Set(100, 100);
        cache.Set(101, 101);

        Assert.Equal(Capacity, cache.Count);
        Assert.False(cache.TryGet(3, out _));
        Assert.False(cache.TryGet(0, out _));
        Assert.All(Enumerable.Range(1, Capacity - 1).Where(i => i != 3).Append(100).Append(101), i => Assert.True(cache.TryGet(i, out _)));
    }

    [Fact]
    public async Task Parallel_readers_and_writers_keep_the_bound_and_the_recency_list_consistent()
    {
        const int Workers = 8;
        const int WritesPerWorker = 10_000;
        var cache = new LruCache<int, int>(64);
        var maxSeen = 0;
        using var start = new Barrier(Workers + 1);

        var writers = Enumerable.Range(0, Workers).Select(w => Task.Run(() =>
        {
            start.SignalAndWait(TestContext.Current.CancellationToken);
            for (var i = 0; i < WritesPerWorker; i++)
            {
                var key = (w * WritesPerWorker) + i;
                cache.Set(key, -key);
                if (cache.TryGet(key - 3, out var older) && older != -(key - 3))
                {
                    throw new InvalidOperationException($"entry {key - 3} read as {older}");
                }

                if (i % 7 == 0)
                {
                    cache.Remove(key - 1);
                }
            }
        }, TestContext.Current.CancellationToken)).ToList();
        var observer = Task.Run(() =>
        {
            start.SignalAndWait(TestContext.Current.CancellationToken);
            while (!writers.TrueForAll(t => t.IsCompleted))
            {
                maxSeen = Math.Max(maxSeen, cache.Count);
            }
        }, TestContext.Current.CancellationToken);

        await Task.WhenAll([.. writers, observer]);

        Assert.InRange(maxSeen, 0, cache.Capacity);
        var resident = Enumerable.Range(0, Workers * WritesPerWorker).Count(k => cache.TryGet(k, out var v) && v == -k);
        Assert.Equal(cache.Count, resident);

        // The list and the dictionary agree: new writes push out exactly the entries that were there.
        for (var k = -1; k >= -cache.Capacity; k--)
        {
            cache.Set(k, k);
        }

        Assert.Equal(cache.Capacity, cache.Count);
        Assert.All(Enumerable.Range(1, cache.Capacity), i => Assert.True(cache.TryGet(-i, out _)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_capacity_below_one_is_refused(int capacity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LruCache<int, int>(capacity));

    private static LruCache<int, int> Filled()
    {
        var cache = new LruCache<int, int>(Capacity);
        for (var i = 0; i < Capacity; i++)
        {
            cache.Set(i, i);
        }

        return cache;
    }

    private static string Repository(int i) => $"registry-{i % 97}.example/team/app-{i}";
}
