using ImageUpdater;
using ImageUpdater.Registry;
using ImageUpdater.Registry.Caching;
using ImageUpdater.Registry.Candidates;
using ImageUpdater.Registry.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the OCI distribution registry client.</summary>
public static class RegistryClientBuilderExtensions
{
    private const string HttpClientLogCategoryPrefix = "System.Net.Http.HttpClient.";

    /// <summary>
    /// Adds the registry client: <see cref="IRegistryPassFactory"/> for candidate tags, and the low-level
    /// <see cref="IRegistryTagLister"/>, <see cref="IRegistryManifestReader"/>, <see cref="IRegistryDigestReader"/>
    /// and <see cref="IRegistryConfigReader"/> (replace or decorate them by registering your own first). Each
    /// registry gets its own named <see cref="HttpClient"/>. Safe to call more than once.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the <see cref="RegistryClientOptions"/>; validated when the host starts.</param>
    /// <returns>The builder.</returns>
    public static IImageUpdaterBuilder AddRegistryClient(this IImageUpdaterBuilder builder, Action<RegistryClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddImageUpdater();
        services.AddHttpClient();
        services.AddMetrics();

        // HttpClient logs request headers at Trace with the Authorization header (a credential or a bearer token) in
        // the structured state, redacted or not by ShouldRedactHeaderValue: registry clients log from Debug up.
        services.AddLogging(static logging => logging.AddFilter(HttpClientLogCategoryPrefix + RegistryHttpClientNames.Prefix, LogLevel.Debug));

        var options = services.AddOptions<RegistryClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RegistryClientOptions>, RegistryClientOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HttpClientFactoryOptions>, RegistryHttpClientConfigurator>());

        services.TryAddSingleton<RegistryMetrics>();
        services.TryAddSingleton<EndpointStates>();
        services.TryAddSingleton<RegistryHttpSender>();
        services.TryAddSingleton<DistributionClient>();
        services.TryAddSingleton<IRegistryTagLister>(static sp => sp.GetRequiredService<DistributionClient>());
        services.TryAddSingleton<IRegistryManifestReader>(static sp => sp.GetRequiredService<DistributionClient>());
        services.TryAddSingleton<IRegistryDigestReader>(static sp => sp.GetRequiredService<DistributionClient>());
        services.TryAddSingleton<IRegistryConfigReader>(static sp => sp.GetRequiredService<DistributionClient>());
        services.TryAddSingleton<ImageMetadata>();
        services.TryAddSingleton<BuildMetadataReader>();
        services.TryAddSingleton<IRegistryPassFactory, RegistryPassFactory>();
        return builder;
    }
}
