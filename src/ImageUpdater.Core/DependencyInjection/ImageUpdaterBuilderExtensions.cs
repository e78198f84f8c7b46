using ImageUpdater;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Extends <see cref="IImageUpdaterBuilder"/> with strategy registration.</summary>
public static class ImageUpdaterBuilderExtensions
{
    /// <summary>Adds a tag strategy, selectable by its <see cref="ITagStrategy.Name"/>. Adding a type twice is a no-op.</summary>
    /// <typeparam name="TStrategy">The strategy type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IImageUpdaterBuilder AddTagStrategy<TStrategy>(this IImageUpdaterBuilder builder)
        where TStrategy : class, ITagStrategy
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ITagStrategy, TStrategy>());
        return builder;
    }
}
