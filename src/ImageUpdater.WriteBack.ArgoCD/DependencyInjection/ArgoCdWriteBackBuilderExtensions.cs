using ImageUpdater;
using ImageUpdater.Engine;
using ImageUpdater.WriteBack.ArgoCD;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the <c>argocd</c> write-back method.</summary>
public static class ArgoCdWriteBackBuilderExtensions
{
    /// <summary>
    /// Adds the <c>argocd</c> write-back handler, which writes through the registered <see cref="IApplicationStore"/>
    /// (add one: the Kubernetes store in a cluster, <c>AddFileApplicationStore</c> in file mode). Safe to call more
    /// than once.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the <see cref="ArgoCdWriteBackOptions"/>; validated when the host starts.</param>
    /// <returns>The builder.</returns>
    public static IImageUpdaterBuilder AddArgoCdWriteBack(this IImageUpdaterBuilder builder, Action<ArgoCdWriteBackOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddImageUpdater();
        var options = services.AddOptions<ArgoCdWriteBackOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(static o => o.MaxAttempts is >= 1 and <= 100, "ArgoCdWriteBackOptions.MaxAttempts must be between 1 and 100.").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWriteBackHandler, ArgoCdWriteBackHandler>());
        return builder;
    }
}
