using ImageUpdater.Caching;
using ImageUpdater.Registry.Http;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Registry.Caching;

/// <summary>
/// Manifests and config blobs, cached by digest for the life of the process (their content never changes), and the
/// digest each tag pointed to, remembered for <see cref="RegistryClientOptions.TagDigestLifetime"/>. Concurrent
/// requests for the same content share one fetch.
/// </summary>
internal sealed class ImageMetadata
{
    private readonly IRegistryManifestReader _manifests;
    private readonly IRegistryConfigReader _configs;
    private readonly RegistryMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly TimeSpan? _tagDigestLifetime;
    private readonly LruCache<Digest, RegistryManifest> _manifestCache;
    private readonly LruCache<Digest, ImageConfig> _configCache;
    private readonly LruCache<TagKey, TagDigest> _tagDigests;
    private readonly SingleFlight<TagKey, RegistryManifest> _tagFetches = new();
    private readonly SingleFlight<Digest, RegistryManifest> _manifestFetches = new();
    private readonly SingleFlight<Digest, ImageConfig> _configFetches = new();

    public ImageMetadata(IRegistryManifestReader manifests, IRegistryConfigReader configs, RegistryMetrics metrics, TimeProvider time, IOptions<RegistryClientOptions> options)
    {
        _manifests = manifests;
        _configs = configs;
        _metrics = metrics;
        _time = time;
        _tagDigestLifetime = options.Value.TagDigestLifetime;
        _manifestCache = new(options.Value.MaxCacheEntries);
        _configCache = new(options.Value.MaxCacheEntries);
        _tagDigests = new(options.Value.MaxCacheEntries);
    }

    /// <summary>Returns the manifest a tag points to from the caches alone, when both the tag and content are known.</summary>
    public bool TryGetCachedTagManifest(RegistryRepository repository, string tag, out RegistryManifest manifest)
    {
        manifest = null!;
        var key = new TagKey(repository.Endpoint.ApiUrl.AbsoluteUri, repository.Name, tag);
        if (!_tagDigests.TryGet(key, out var known) || (known.ExpiresAt is { } expires && expires <= _time.GetUtcNow()))
        {
            return false;
        }

        if (!_manifestCache.TryGet(known.Digest, out manifest!))
        {
            return false;
        }

        _metrics.RecordCacheHit("tag-digest");
        return true;
    }

    public async ValueTask<RegistryManifest> GetTagManifestAsync(RegistryRepository repository, string tag, CancellationToken cancellationToken)
    {
        if (TryGetCachedTagManifest(repository, tag, out var cached))
        {
            return cached;
        }

        var key = new TagKey(repository.Endpoint.ApiUrl.AbsoluteUri, repository.Name, tag);
        return await _tagFetches.RunAsync(
            key,
            async k =>
            {
                // A known digest whose manifest was dropped from the cache is fetched by digest (still one request).
                var manifest = _tagDigests.TryGet(k, out var known) && (known.ExpiresAt is not { } e || e > _time.GetUtcNow())
                    ? await GetManifestAsync(repository, known.Digest, CancellationToken.None).ConfigureAwait(false)
                    : await _manifests.GetManifestAsync(repository, tag, CancellationToken.None).ConfigureAwait(false);
                _manifestCache.Set(manifest.Digest, manifest);
                RememberTag(k, manifest.Digest);
                return manifest;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<RegistryManifest> GetManifestAsync(RegistryRepository repository, Digest digest, CancellationToken cancellationToken) =>
        GetByDigestAsync(_manifestCache, _manifestFetches, "manifest", digest, d => _manifests.GetManifestAsync(repository, d.ToString(), CancellationToken.None), cancellationToken);

    public bool TryGetCachedManifest(Digest digest, out RegistryManifest manifest) => _manifestCache.TryGet(digest, out manifest!);

    public bool TryGetCachedConfig(Digest digest, out ImageConfig config) => _configCache.TryGet(digest, out config!);

    public ValueTask<ImageConfig> GetConfigAsync(RegistryRepository repository, Digest digest, CancellationToken cancellationToken) =>
        GetByDigestAsync(_configCache, _configFetches, "config", digest, d => _configs.GetConfigAsync(repository, d, CancellationToken.None), cancellationToken);

    // Content addressed by digest never changes: a cache hit costs nothing, and concurrent misses share one fetch.
    // The fetch itself is not cancelled by one caller, since others may be waiting for it.
    private ValueTask<T> GetByDigestAsync<T>(
        LruCache<Digest, T> cache,
        SingleFlight<Digest, T> fetches,
        string kind,
        Digest digest,
        Func<Digest, ValueTask<T>> fetch,
        CancellationToken cancellationToken)
    {
        if (cache.TryGet(digest, out var cached))
        {
            _metrics.RecordCacheHit(kind);
            return ValueTask.FromResult(cached);
        }

        return new ValueTask<T>(fetches.RunAsync(
            digest,
            async d =>
            {
                var value = await fetch(d).ConfigureAwait(false);
                cache.Set(d, value);
                return value;
            },
            cancellationToken));
    }

    private void RememberTag(TagKey key, Digest digest)
    {
        if (_tagDigestLifetime == TimeSpan.Zero)
        {
            return;
        }

        _tagDigests.Set(key, new TagDigest(digest, _tagDigestLifetime is { } lifetime ? _time.GetUtcNow() + lifetime : null));
    }

    private readonly record struct TagKey(string ApiUrl, string Repository, string Tag);

    private readonly record struct TagDigest(Digest Digest, DateTimeOffset? ExpiresAt);
}
