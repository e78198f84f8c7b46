using System.Threading.RateLimiting;
using ImageUpdater.Registry.Auth;
using ImageUpdater.Caching;

namespace ImageUpdater.Registry.Http;

/// <summary>What the client keeps per registry: its HTTP client name, limits, auth challenge and bearer tokens.</summary>
internal sealed class EndpointState : IDisposable
{
    private readonly Lock _gate = new();
    private Task<AuthChallenge?>? _ping;

    public EndpointState(RegistryEndpoint endpoint, int maxConcurrency, int maxBearerTokens)
    {
        Endpoint = endpoint;
        Tls = EndpointTls.Load(endpoint);
        Label = endpoint.ApiUrl.GetLeftPart(UriPartial.Authority);
        ClientName = RegistryHttpClientNames.Prefix + Label + "#" + Tls.Fingerprint;
        Concurrency = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        Limiter = CreateLimiter(endpoint.RequestsPerSecond);
        Tokens = new LruCache<string, BearerToken>(maxBearerTokens, StringComparer.Ordinal);
    }

    public RegistryEndpoint Endpoint { get; }

    public EndpointTls Tls { get; }

    /// <summary>Gets the API URL's scheme and authority, as named in errors and metrics.</summary>
    public string Label { get; }

    public string ClientName { get; }

    public SemaphoreSlim Concurrency { get; }

    /// <summary>
    /// Gets or sets the named client last made for this endpoint and when it is to be made anew (one reference, so
    /// that threads replacing it never tear it).
    /// </summary>
    public KeptClient? Client { get; set; }

    public RateLimiter? Limiter { get; }

    /// <summary>Gets or sets the challenge learned from the ping or from a 401; <see langword="null"/> = anonymous.</summary>
    public AuthChallenge? Challenge { get; set; }

    /// <summary>Gets the bearer tokens by realm, service, scope and credentials; one scope per repository, so bounded.</summary>
    public LruCache<string, BearerToken> Tokens { get; }

    /// <summary>Runs the ping once; a failed ping is forgotten so that the next request tries again.</summary>
    public Task<AuthChallenge?> PingOnceAsync(Func<Task<AuthChallenge?>> ping)
    {
        lock (_gate)
        {
            if (_ping is null || _ping.IsFaulted || _ping.IsCanceled)
            {
                _ping = ping();
            }

            return _ping;
        }
    }

    public void Dispose()
    {
        Concurrency.Dispose();
        Limiter?.Dispose();
    }

    private static TokenBucketRateLimiter? CreateLimiter(double? requestsPerSecond)
    {
        // A billion requests per second limits nothing in practice, and a larger rate no longer fits the bucket's
        // integer sizes (the limiter's constructor threw), so such a rate means no limit.
        if (requestsPerSecond is not { } limit || limit <= 0 || limit > 1e9 || double.IsNaN(limit))
        {
            return null;
        }

        // Refill in steps of about 50 ms, so that high limits do not need a timer firing every millisecond.
        var tokensPerPeriod = Math.Max(1, (int)Math.Ceiling(limit / 20));
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(tokensPerPeriod, (int)Math.Ceiling(limit)),
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokensPerPeriod / limit),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }
}
