using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Credentials;

/// <summary>
/// Resolves credential specs to credentials. A credential is cached per spec, registry and namespace until the request's
/// <see cref="RegistryCredentialRequest.Expiry"/> has passed (none or zero = kept for the resolver's lifetime, as the
/// reference's <c>credsexpire: 0</c>). <see cref="RegistryCredentialRequest.ForceRefresh"/> reads the source again;
/// concurrent callers for one spec and registry share a single read. Failures are not cached. Thread-safe.
/// </summary>
public sealed partial class RegistryCredentialResolver : IRegistryCredentialResolver
{
    private readonly ConcurrentDictionary<(string Spec, string Registry, string Namespace), CacheEntry> _entries = new();
    private readonly CredentialSourceFactory _factory;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates a resolver.</summary>
    /// <param name="options">The options.</param>
    /// <param name="secretReader">Reads secrets for <c>secret:</c> and <c>pullsecret:</c> specs.</param>
    /// <param name="timeProvider">The clock for expiry and script timeouts.</param>
    /// <param name="logger">The logger; it never receives a secret.</param>
    public RegistryCredentialResolver(IOptions<RegistryCredentialOptions> options, ISecretReader secretReader, TimeProvider timeProvider, ILogger<RegistryCredentialResolver> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(secretReader);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _timeProvider = timeProvider;
        _logger = logger;
        _factory = new CredentialSourceFactory(secretReader, options.Value, timeProvider, logger);
    }

    /// <inheritdoc />
    public async ValueTask<RegistryCredential> ResolveAsync(RegistryCredentialRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = (request.Spec, request.RegistryApiUrl.TrimEnd('/'), request.Namespace);
        var entry = _entries.GetOrAdd(key, static _ => new CacheEntry());
        Task<RegistryCredential> pending;
        lock (entry)
        {
            if (entry.Pending is { } inFlight)
            {
                // Single flight: join the read already under way, forced or not.
                pending = inFlight;
            }
            else if (!request.ForceRefresh && entry.Credential is { } cached && !IsExpired(entry.ReadAt, request.Expiry))
            {
                LogCacheHit(_logger, request.Spec, request.RegistryApiUrl);
                return cached;
            }
            else
            {
                if (request.ForceRefresh)
                {
                    LogForcedRefresh(_logger, request.Spec, request.RegistryApiUrl);
                }

                pending = entry.Pending = ReadAsync(entry, request);
            }
        }

        return await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    // The shared read ignores any one caller's cancellation; sources bound their own time (ext has a timeout).
    private async Task<RegistryCredential> ReadAsync(CacheEntry entry, RegistryCredentialRequest request)
    {
        await Task.Yield();
        try
        {
            var source = _factory.CreateWithFallbacks(request.Spec, request.Namespace);
            var credential = await source.GetCredentialAsync(request.RegistryApiUrl, CancellationToken.None).ConfigureAwait(false);
            lock (entry)
            {
                entry.Credential = credential;
                entry.ReadAt = _timeProvider.GetUtcNow();
            }

            LogResolved(_logger, request.Spec, request.RegistryApiUrl);
            return credential;
        }
        catch (CredentialException ex)
        {
            LogFailed(_logger, request.Spec, request.RegistryApiUrl, ex.Message);
            throw;
        }
        catch (Exception ex)
        {
            // Unexpected failures keep their type name only: foreign messages are not known to be free of secrets.
            LogFailed(_logger, request.Spec, request.RegistryApiUrl, ex.GetType().Name);
            throw new CredentialException($"could not fetch credentials for registry {request.RegistryApiUrl} with '{request.Spec}': {ex.GetType().Name}", ex);
        }
        finally
        {
            lock (entry)
            {
                entry.Pending = null;
            }
        }
    }

    private bool IsExpired(DateTimeOffset readAt, TimeSpan? expiry) =>
        expiry is { } lifetime && lifetime > TimeSpan.Zero && _timeProvider.GetUtcNow() - readAt >= lifetime;

    private sealed class CacheEntry
    {
        public RegistryCredential? Credential { get; set; }

        public DateTimeOffset ReadAt { get; set; }

        public Task<RegistryCredential>? Pending { get; set; }
    }
}
