using ImageUpdater;
using ImageUpdater.Registry;
using ImageUpdater.Registry.Caching;
using ImageUpdater.Registry.Candidates;
using ImageUpdater.Engine;
using ImageUpdater.Registry.Http;
using ImageUpdater.Registry.Resolution;
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
    /// Adds the registry client: <see cref="IImageResolver"/> (the one path from an image policy to its tag; it needs
    /// an <see cref="ITagSelectionPlanner"/>, such as <c>AddTagStrategies()</c> registers, and reads
    /// <c>registries.conf</c> through <see cref="RegistriesOptions"/>), <see cref="IRegistryPassFactory"/> for candidate
    /// tags, and the low-level
    /// <see cref="IRegistryTagLister"/>, <see cref="IRegistryManifestReader"/>, <see cref="IRegistryDigestReader"/>
    /// and <see cref="IRegistryConfigReader"/> (replace or decorate them by registering your own first). Each
    /// registry gets its own named <see cref="HttpClient"/>. Safe to call more than once.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the <see cref="RegistryClientOptions"/>; validated when the host starts.</param>
    /// <param name="configureRegistries">
    /// Names the <c>registries.conf</c> (<see cref="RegistriesOptions"/>); validated when the host starts.
    /// </param>
    /// <returns>The builder.</returns>
    public static IImageUpdaterBuilder AddRegistryClient(
        this IImageUpdaterBuilder builder,
        Action<RegistryClientOptions>? configure = null,
        Action<RegistriesOptions>? configureRegistries = null)
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

        var registries = services.AddOptions<RegistriesOptions>();
        if (configureRegistries is not null)
        {
            registries.Configure(configureRegistries);
        }

        registries.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RegistriesOptions>, RegistriesOptionsValidator>());

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
        services.TryAddSingleton<IImageResolver>(static sp => new ImageResolver(
            sp.GetRequiredService<IRegistryPassFactory>(),
            sp.GetService<ITagSelectionPlanner>() ?? throw new InvalidOperationException(
                "The image resolver needs an ITagSelectionPlanner: call AddTagStrategies() (ImageUpdater.Strategies) or register one."),
            sp.GetRequiredService<IOptions<RegistriesOptions>>()));
        return builder;
    }
}
