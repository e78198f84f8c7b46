using ImageUpdater;
using ImageUpdater.Annotations;
using ImageUpdater.Annotations.Manifests;
using ImageUpdater.Engine;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the readers of annotations, <c>ImageUpdater</c> resources and manifest files.</summary>
public static class AnnotationPoliciesBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="AnnotationPolicyReader"/>, <see cref="ImageUpdaterPolicyResolver"/>, <see cref="ManifestReader"/>
    /// (limits from <see cref="ManifestReaderOptions"/>) and the <see cref="IUpdatePolicyProvider"/> that reads both
    /// configuration models. Safe to call more than once.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Adjusts the manifest limits.</param>
    /// <returns>The builder.</returns>
    public static IImageUpdaterBuilder AddAnnotationPolicies(this IImageUpdaterBuilder builder, Action<ManifestReaderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddImageUpdater();
        var options = services.AddOptions<ManifestReaderOptions>()
            .Validate(static o => o.MaxTextLength > 0 && o.MaxDepth > 0 && o.MaxNodes > 0 && o.MaxDocuments > 0, "Manifest reader limits must be positive.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<AnnotationPolicyReader>();
        services.TryAddSingleton<ImageUpdaterPolicyResolver>();
        services.TryAddSingleton(static sp => new ManifestReader(sp.GetRequiredService<Options.IOptions<ManifestReaderOptions>>()));
        services.TryAddSingleton<IUpdatePolicyProvider, UpdatePolicyProvider>();
        return builder;
    }
}
