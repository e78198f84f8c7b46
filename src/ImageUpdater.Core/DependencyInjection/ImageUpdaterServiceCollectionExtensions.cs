using ImageUpdater;
using ImageUpdater.Engine;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the ImageUpdater engine.</summary>
public static class ImageUpdaterServiceCollectionExtensions
{
    /// <summary>
    /// Adds the core services (strategy registry, time provider, the live image reader of <c>status.summary.images</c>).
    /// Safe to call more than once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder that packages extend (<c>AddTagStrategies()</c>, <c>AddRegistryClient()</c>, ...).</returns>
    public static IImageUpdaterBuilder AddImageUpdater(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TagStrategyRegistry>();
        services.TryAddSingleton<ILiveImageReader, StatusLiveImageReader>();
        return new ImageUpdaterBuilder(services);
    }
}
