using ImageUpdater;
using ImageUpdater.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the hosted update loop.</summary>
public static class UpdateLoopBuilderExtensions
{
    /// <summary>
    /// Adds the update loop as a hosted service, its <see cref="UpdateLoopStatus"/>, and the health checks tagged
    /// <see cref="UpdateLoopHealthChecks.LiveTag"/> and <see cref="UpdateLoopHealthChecks.ReadyTag"/>. Options are
    /// validated when the host starts. Calling it again only adds <paramref name="configure"/>.
    /// </summary>
    /// <remarks>
    /// The loop runs cycles only while <see cref="ImageUpdater.Engine.IUpdateLeadership"/> grants leadership
    /// (always, unless a leader election package replaces the default). Serving the checks and the metrics over HTTP is
    /// the application's choice (ASP.NET Core's <c>MapHealthChecks</c>, OpenTelemetry's Prometheus exporter), so
    /// that this package forces no web server on an embedding program.
    /// </remarks>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options (interval, cycle options, warm-up).</param>
    /// <returns>The builder.</returns>
    public static IImageUpdaterBuilder AddUpdateLoop(this IImageUpdaterBuilder builder, Action<UpdateLoopOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<UpdateLoopOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UpdateLoopOptions>, UpdateLoopOptionsValidator>());

        // Health check names must be unique: register the loop's services once.
        if (services.Any(static d => d.ServiceType == typeof(UpdateLoopStatus)))
        {
            return builder;
        }

        services.AddSingleton<UpdateLoopStatus>();
        services.AddHostedService<UpdateLoopService>();
        services.AddHealthChecks()
            .AddCheck<UpdateLoopLivenessCheck>(UpdateLoopHealthChecks.LivenessCheckName, tags: [UpdateLoopHealthChecks.LiveTag])
            .AddCheck<UpdateLoopReadinessCheck>(UpdateLoopHealthChecks.ReadinessCheckName, tags: [UpdateLoopHealthChecks.ReadyTag]);
        return builder;
    }
}
