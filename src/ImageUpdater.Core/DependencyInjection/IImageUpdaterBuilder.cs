using Microsoft.Extensions.DependencyInjection;

namespace ImageUpdater;

/// <summary>Configures ImageUpdater services; returned by <c>AddImageUpdater()</c>, extended by each package.</summary>
public interface IImageUpdaterBuilder
{
    /// <summary>Gets the service collection being configured.</summary>
    IServiceCollection Services { get; }
}

internal sealed class ImageUpdaterBuilder(IServiceCollection services) : IImageUpdaterBuilder
{
    public IServiceCollection Services { get; } = services;
}
