using ImageUpdater;
using ImageUpdater.Engine;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the ImageUpdater engine.</summary>
public static class ImageUpdaterServiceCollectionExtensions
{
    /// <summary>
    /// Adds the core services: the strategy registry, the time provider, the live image reader of
    /// <c>status.summary.images</c> and the <see cref="UpdateEngine"/>. Safe to call more than once.
    /// </summary>
    /// <remarks>
    /// The engine needs an <see cref="IApplicationSource"/>, an <see cref="IUpdatePolicyProvider"/>, an
    /// <see cref="IImageResolver"/> and an <see cref="ILiveImageReader"/>, which the provider packages register, and
    /// one <see cref="IWriteBackHandler"/> per write-back method in use.
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder that packages extend (<c>AddTagStrategies()</c>, <c>AddRegistryClient()</c>, ...).</returns>
    public static IImageUpdaterBuilder AddImageUpdater(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TagStrategyRegistry>();
        services.TryAddSingleton<ILiveImageReader, StatusLiveImageReader>();
        services.TryAddSingleton<IUpdateLeadership, SoleLeadership>();
        services.AddMetrics();
        services.TryAddSingleton<UpdateEngineMetrics>();
        services.TryAddSingleton(static sp => new UpdateEngine(
            sp.GetRequiredService<IApplicationSource>(),
            sp.GetRequiredService<IUpdatePolicyProvider>(),
            sp.GetRequiredService<IImageResolver>(),
            sp.GetRequiredService<ILiveImageReader>(),
            sp.GetServices<IWriteBackHandler>(),
            sp.GetRequiredService<UpdateEngineMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<UpdateEngine>>(),
            sp.GetServices<ICycleObserver>()));
        return new ImageUpdaterBuilder(services);
    }
}
