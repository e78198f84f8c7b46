using ImageUpdater;
using ImageUpdater.Strategies;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the built-in tag strategies and the <see cref="TagSelector"/> (also as <see cref="ITagSelectionPlanner"/>).</summary>
public static class TagStrategiesBuilderExtensions
{
    /// <summary>
    /// Adds the strategies <c>semver</c>, <c>newest-build</c>, <c>alphabetical</c>, <c>digest</c> and
    /// <c>numerical</c>, and <see cref="TagSelector"/>. Safe to call more than once. To replace a built-in strategy,
    /// register one with the same name after this call (the last registration of a name wins).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IImageUpdaterBuilder AddTagStrategies(this IImageUpdaterBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddImageUpdater();
        builder
            .AddTagStrategy<SemverStrategy>()
            .AddTagStrategy<NewestBuildStrategy>()
            .AddTagStrategy<AlphabeticalStrategy>()
            .AddTagStrategy<DigestStrategy>()
            .AddTagStrategy<NumericalStrategy>();
        builder.Services.TryAddSingleton<TagSelector>();
        builder.Services.TryAddSingleton<ITagSelectionPlanner>(static sp => sp.GetRequiredService<TagSelector>());
        return builder;
    }
}
