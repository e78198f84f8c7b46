using System.Collections.Immutable;
using ImageUpdater.Caching;

namespace ImageUpdater.Registry;

/// <summary>
/// Finds the <see cref="RegistryEndpoint"/> serving an image, as the reference does: an image without registry goes to
/// the default entry; then an exact <c>prefix</c> match; then the longest <c>prefix</c> of <c>registry/imageName</c>;
/// else an endpoint inferred as <c>https://&lt;registry&gt;</c> at 20 requests per second. Thread-safe; inferred
/// endpoints are kept up to <see cref="RegistryClientOptions.MaxInferredEndpoints"/>, least recently used first out.
/// </summary>
/// <remarks>
/// Prefixes match as plain string prefixes, as in the reference, so <c>docker.io</c> also serves
/// <c>docker.io.example.com</c>. One difference, on purpose: a configured <c>docker.io</c> entry replaces the built-in
/// one also as the default.
/// </remarks>
public sealed class RegistryEndpointResolver
{
    /// <summary>The request rate of an endpoint inferred from an unlisted registry host.</summary>
    public const double InferredRequestsPerSecond = 20;

    private readonly Dictionary<string, RegistryEndpoint> _byPrefix = new(StringComparer.Ordinal);
    private readonly LruCache<string, RegistryEndpoint> _inferred;

    /// <summary>Creates a resolver over a configuration; the built-in Docker Hub entry applies unless overridden.</summary>
    /// <param name="configuration">The <c>registries.conf</c> content, or <see langword="null"/> for none.</param>
    public RegistryEndpointResolver(RegistriesConfiguration? configuration = null)
        : this(configuration, new RegistryClientOptions())
    {
    }

    /// <summary>Creates a resolver over a configuration, keeping at most <see cref="RegistryClientOptions.MaxInferredEndpoints"/> inferred endpoints.</summary>
    /// <param name="configuration">The <c>registries.conf</c> content, or <see langword="null"/> for none.</param>
    /// <param name="options">The registry client's options.</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="RegistryClientOptions.MaxInferredEndpoints"/> is not positive.</exception>
    public RegistryEndpointResolver(RegistriesConfiguration? configuration, RegistryClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxInferredEndpoints <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxInferredEndpoints, $"{nameof(RegistryClientOptions)}.{nameof(options.MaxInferredEndpoints)} must be positive.");
        }

        _inferred = new LruCache<string, RegistryEndpoint>(options.MaxInferredEndpoints, StringComparer.Ordinal);
        _byPrefix[DockerHub.Prefix] = DockerHub;
        RegistryEndpoint? configuredDefault = null;

        // As in the reference, a later entry with the same prefix replaces an earlier one.
        foreach (var endpoint in configuration?.Registries ?? [])
        {
            _byPrefix[endpoint.Prefix] = endpoint;
            if (endpoint.IsDefault)
            {
                configuredDefault = endpoint;
            }
        }

        if (configuredDefault is not null && ReferenceEquals(_byPrefix[DockerHub.Prefix], DockerHub))
        {
            // Only one endpoint is the default, as the reference unsets the previous one.
            _byPrefix[DockerHub.Prefix] = DockerHub with { IsDefault = false };
        }

        Default = configuredDefault ?? _byPrefix[DockerHub.Prefix];
        Endpoints = [.. _byPrefix.Values];
    }

    /// <summary>Gets the built-in Docker Hub endpoint: prefix <c>docker.io</c>, API <c>https://registry-1.docker.io</c>, namespace <c>library</c>, 10 requests per second.</summary>
    public static RegistryEndpoint DockerHub { get; } = new()
    {
        Name = "Docker Hub",
        Prefix = ImageReference.DockerHubRegistry,
        ApiUrl = new Uri("https://registry-1.docker.io"),
        Ping = true,
        DefaultNamespace = "library",
        RequestsPerSecond = 10,
        IsDefault = true,
    };

    /// <summary>Gets the endpoint serving images written without a registry.</summary>
    public RegistryEndpoint Default { get; }

    /// <summary>Gets the configured endpoints and the built-in ones they did not replace (not the inferred ones).</summary>
    public ImmutableArray<RegistryEndpoint> Endpoints { get; }

    /// <summary>Resolves the endpoint for a registry host, such as <c>ghcr.io</c>; empty for the default registry.</summary>
    /// <param name="registry">The registry part of an image reference.</param>
    /// <returns>The endpoint.</returns>
    public RegistryEndpoint Resolve(string registry) => Resolve(registry, string.Empty);

    /// <summary>
    /// Resolves the endpoint for an image: empty registry → <see cref="Default"/>; an exact prefix; the longest prefix
    /// of <c>registry/imageName</c> (so <c>ghcr.io/org</c> can have its own entry); else an inferred endpoint.
    /// </summary>
    /// <param name="registry">The registry part of the image reference, such as <c>ghcr.io</c>; empty for none.</param>
    /// <param name="imageName">The image name without registry, such as <c>org/app</c>.</param>
    /// <returns>The endpoint.</returns>
    public RegistryEndpoint Resolve(string registry, string imageName)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(imageName);
        if (registry.Length == 0)
        {
            return Default;
        }

        if (_byPrefix.TryGetValue(registry, out var exact))
        {
            return exact;
        }

        var fullName = imageName.Length == 0 ? registry : registry + "/" + imageName;
        RegistryEndpoint? best = null;
        foreach (var (prefix, endpoint) in _byPrefix)
        {
            if (IsPrefix(prefix, fullName) && (best is null || prefix.Length > best.Prefix.Length))
            {
                best = endpoint;
            }
        }

        return best ?? GetOrInfer(registry);
    }

    /// <summary>Resolves the endpoint serving an image reference.</summary>
    /// <param name="image">The image.</param>
    /// <returns>The endpoint.</returns>
    public RegistryEndpoint Resolve(ImageReference image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Resolve(image.Registry, image.Name);
    }

    /// <summary>Builds the endpoint the reference infers for an unlisted registry: <c>https://&lt;host&gt;</c>, 20 requests per second.</summary>
    /// <param name="registry">The registry host, such as <c>registry.example.com:5000</c>.</param>
    /// <returns>The endpoint.</returns>
    /// <exception cref="ArgumentException">The host does not make a valid URL.</exception>
    public static RegistryEndpoint Infer(string registry)
    {
        ArgumentException.ThrowIfNullOrEmpty(registry);
        if (!Uri.TryCreate("https://" + registry, UriKind.Absolute, out var apiUrl))
        {
            throw new ArgumentException($"cannot infer a registry API URL from '{registry}'", nameof(registry));
        }

        return new RegistryEndpoint
        {
            Name = registry,
            Prefix = registry,
            ApiUrl = apiUrl,
            RequestsPerSecond = InferredRequestsPerSecond,
        };
    }

    // Two callers racing on a new host may both infer it: the endpoints are equal records, so either may stay.
    private RegistryEndpoint GetOrInfer(string registry)
    {
        if (_inferred.TryGet(registry, out var known))
        {
            return known;
        }

        var inferred = Infer(registry);
        _inferred.Set(registry, inferred);
        return inferred;
    }

    // A plain string prefix, as the reference matches: an entry without prefix serves every image, and
    // "ghcr.io/org" also serves "ghcr.io/organisation/app".
    private static bool IsPrefix(string prefix, string fullName) => fullName.StartsWith(prefix, StringComparison.Ordinal);
}
