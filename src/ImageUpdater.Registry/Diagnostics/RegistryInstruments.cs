namespace ImageUpdater.Registry;

/// <summary>The meter and instrument names the registry client publishes, for listeners and exporters.</summary>
public static class RegistryInstruments
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "ImageUpdater.Registry";

    /// <summary>
    /// Counter of HTTP requests sent on the wire (each retry counts), tagged <see cref="KindTag"/>,
    /// <see cref="RegistryTag"/> and <see cref="StatusTag"/>.
    /// </summary>
    public const string Requests = "imageupdater.registry.requests";

    /// <summary>Histogram of wire request durations in seconds, tagged like <see cref="Requests"/>.</summary>
    public const string RequestDuration = "imageupdater.registry.request.duration";

    /// <summary>Counter of lookups answered from a cache without a request, tagged <see cref="CacheTag"/>.</summary>
    public const string CacheHits = "imageupdater.registry.cache.hits";

    /// <summary>The tag naming the kind of request (see <see cref="RegistryRequestKinds"/>).</summary>
    public const string KindTag = "kind";

    /// <summary>The tag naming the registry (its API URL's authority).</summary>
    public const string RegistryTag = "registry";

    /// <summary>The tag holding the HTTP status code, or <c>error</c> when no response arrived.</summary>
    public const string StatusTag = "status";

    /// <summary>The tag naming the cache: <c>tag-list</c>, <c>tag-digest</c>, <c>manifest</c>, <c>config</c>.</summary>
    public const string CacheTag = "cache";
}

/// <summary>The values of <see cref="RegistryInstruments.KindTag"/>.</summary>
public static class RegistryRequestKinds
{
    /// <summary><c>GET /v2/</c> to learn the authentication scheme.</summary>
    public const string Ping = "ping";

    /// <summary>A request to a bearer token endpoint.</summary>
    public const string Token = "token";

    /// <summary>One page of <c>GET /v2/&lt;name&gt;/tags/list</c>.</summary>
    public const string TagList = "tags";

    /// <summary><c>GET /v2/&lt;name&gt;/manifests/&lt;reference&gt;</c>.</summary>
    public const string Manifest = "manifest";

    /// <summary><c>HEAD /v2/&lt;name&gt;/manifests/&lt;tag&gt;</c> to learn a digest.</summary>
    public const string ManifestHead = "manifest-head";

    /// <summary><c>GET /v2/&lt;name&gt;/blobs/&lt;digest&gt;</c> (config blobs), redirects included.</summary>
    public const string Blob = "blob";
}
