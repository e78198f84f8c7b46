using ImageUpdater.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace ImageUpdater.Samples.Embedding;

/// <summary>Wraps the registered <see cref="IRegistryTagLister"/> in a decorator.</summary>
public static class TagListerDecoration
{
    /// <summary>
    /// Replaces the <see cref="IRegistryTagLister"/> registered so far (call it after <c>AddRegistryClient()</c>) with
    /// <paramref name="decorate"/> applied to it: caches, retries and credentials of the inner client stay in place.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="decorate">Builds the decorator from the inner lister.</param>
    /// <returns>The builder.</returns>
    public static IImageUpdaterBuilder DecorateTagLister(this IImageUpdaterBuilder builder, Func<IRegistryTagLister, IServiceProvider, IRegistryTagLister> decorate)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(decorate);
        var services = builder.Services;
        var inner = services.LastOrDefault(static d => d.ServiceType == typeof(IRegistryTagLister))
            ?? throw new InvalidOperationException("Call AddRegistryClient() before DecorateTagLister().");
        services.Remove(inner);
        services.AddSingleton(provider => decorate(Create(inner, provider), provider));
        return builder;
    }

    private static IRegistryTagLister Create(ServiceDescriptor descriptor, IServiceProvider provider) =>
        (IRegistryTagLister)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));
}
