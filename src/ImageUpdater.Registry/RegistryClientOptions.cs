namespace ImageUpdater.Registry;

/// <summary>Limits, retries and caches of the registry client. Validated when the container starts.</summary>
public sealed class RegistryClientOptions
{
    /// <summary>Gets or sets how many requests to one registry may be in flight at once.</summary>
    /// <value>The default value is 16.</value>
    public int MaxConcurrencyPerRegistry { get; set; } = 16;

    /// <summary>Gets or sets how many tags of one image have their metadata fetched at once.</summary>
    /// <value>The default value is 20 (as the reference).</value>
    public int MetadataConcurrency { get; set; } = 20;

    /// <summary>Gets or sets how many times a request is retried after a 5xx, 408, 429, connection error or timeout.</summary>
    /// <value>The default value is 3.</value>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Gets or sets the base delay of the exponential, jittered back-off between retries.</summary>
    /// <value>The default value is 500 milliseconds.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Gets or sets the longest <c>Retry-After</c> that is waited for; a registry asking for longer fails the request.
    /// </summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how long one attempt (sending and reading the whole body) may take.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the largest tag-list page read, in bytes.</summary>
    /// <value>The default value is 16 MiB.</value>
    public int MaxTagListBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Gets or sets the most tags one repository may list; more fails the tag list.</summary>
    /// <value>The default value is 200,000.</value>
    public int MaxTags { get; set; } = 200_000;

    /// <summary>Gets or sets the most tag-list pages followed through <c>Link</c> headers.</summary>
    /// <value>The default value is 1,000.</value>
    public int MaxTagPages { get; set; } = 1_000;

    /// <summary>Gets or sets the largest manifest read, in bytes (the OCI distribution spec's 4 MiB).</summary>
    /// <value>The default value is 4 MiB.</value>
    public int MaxManifestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Gets or sets the largest image config blob read, in bytes.</summary>
    /// <value>The default value is 8 MiB.</value>
    public int MaxConfigBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Gets or sets the most redirects followed for one request.</summary>
    /// <value>The default value is 5.</value>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// Gets or sets how long the digest a tag pointed to is remembered across passes, so that a tag seen before costs
    /// no request when build metadata is wanted. <see langword="null"/> remembers it while the process runs (as the
    /// reference's tag cache does); <see cref="TimeSpan.Zero"/> asks the registry every pass.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? TagDigestLifetime { get; set; }

    /// <summary>
    /// Gets or sets the most entries kept in each content cache (manifests and configs by digest, tag digests); adding
    /// to a full cache evicts its least recently used entry, which costs one request when it is wanted again.
    /// </summary>
    /// <value>The default value is 200,000.</value>
    public int MaxCacheEntries { get; set; } = 200_000;

    /// <summary>
    /// Gets or sets the most bearer tokens kept per registry (one per repository and credentials); adding to a full
    /// cache evicts the least recently used token. Keep it above the number of repositories read from one registry in
    /// a pass, or tokens are fetched again every pass.
    /// </summary>
    /// <value>The default value is 10,000.</value>
    public int MaxBearerTokensPerRegistry { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets the most endpoints a <see cref="RegistryEndpointResolver"/> built with these options keeps inferred
    /// for unlisted registry hosts; adding to a full cache evicts the least recently used one (it is inferred again,
    /// equal to before, when next wanted).
    /// </summary>
    /// <value>The default value is 1,000.</value>
    public int MaxInferredEndpoints { get; set; } = 1_000;

    /// <summary>
    /// Gets or sets product tokens sent in front of ImageUpdater's own in the <c>User-Agent</c> header of every
    /// registry request (ping, token, tag list, manifest, blob), so an embedding program names itself, as in
    /// <c>MyTool/2.0 ImageUpdater/0.3.0</c>. Registries log, rate-limit and sometimes refuse clients by this header.
    /// Must be valid <c>User-Agent</c> syntax (products and comments).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: only <c>ImageUpdater/&lt;version&gt;</c> is sent.</value>
    public string? UserAgentPrefix { get; set; }

    /// <summary>Gets or sets how long a bearer token is used when the token endpoint gives no <c>expires_in</c>.</summary>
    /// <value>The default value is 60 seconds (the token specification's default).</value>
    public TimeSpan DefaultTokenLifetime { get; set; } = TimeSpan.FromSeconds(60);
}
