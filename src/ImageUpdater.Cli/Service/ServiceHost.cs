using System.Net.Sockets;
using ImageUpdater.Cli.Commands;
using ImageUpdater.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace ImageUpdater.Cli.Service;

/// <summary>
/// <c>image-updater run</c> without <c>--once</c>: the update loop in a generic host, with <c>/healthz</c> and
/// <c>/readyz</c> on the health port and Prometheus' <c>/metrics</c> on the metrics port, served by Kestrel.
/// </summary>
/// <remarks>
/// The HTTP endpoints live here, in the application, and not in <c>ImageUpdater.Hosting</c>: a library should not
/// bring a web server into every program that embeds the loop, and an ASP.NET Core application already has one.
/// </remarks>
internal static partial class ServiceHost
{
    /// <summary>The meters exported on <c>/metrics</c>: the engine's, the registry client's, and any later package's.</summary>
    public const string MeterPattern = "ImageUpdater.*";

    public static async Task<int> RunAsync(RunRequest request, ServiceSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var host = Build(request, settings, error);
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ImageUpdater.Cli.Service");
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception invalid) when (invalid is OptionsValidationException or AggregateException { InnerException: OptionsValidationException })
        {
            var first = invalid as OptionsValidationException ?? (OptionsValidationException)invalid.InnerException!;
            throw new CommandLineException(first.Failures.First(), ExitCodes.InvalidInput);
        }
        catch (IOException bind) when (bind.InnerException is SocketException || bind.Message.Contains("bind", StringComparison.OrdinalIgnoreCase))
        {
            throw new CommandLineException($"cannot listen on port {string.Join(" or ", Ports(settings))}: {bind.Message}", ExitCodes.RuntimeFailure);
        }

        if (settings.HealthPort > 0)
        {
            LogServingProbes(logger, settings.HealthPort);
        }

        if (settings.MetricsPort > 0)
        {
            LogServingMetrics(logger, settings.MetricsPort);
        }

        if (settings.Interval > TimeSpan.Zero && settings.Interval < TimeSpan.FromMinutes(1))
        {
            LogLowInterval(logger);
        }

        // Returns when the loop stops the host (interval 0) or when the process is told to stop (SIGTERM, Ctrl+C).
        await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        var report = host.Services.GetRequiredService<UpdateLoopStatus>().Current;
        if (report.Phase == UpdateLoopPhase.Faulted)
        {
            return ExitCodes.RuntimeFailure;
        }

        if (settings.Interval > TimeSpan.Zero)
        {
            return ExitCodes.Success;
        }

        if (report.LastResult is not { } result)
        {
            // The one cycle could not run (its source could not be read): the loop has logged why.
            return ExitCodes.RuntimeFailure;
        }

        await output.WriteLineAsync(request.Json ? CycleResultWriter.ToJson(result) : CycleResultWriter.ToText(result)).ConfigureAwait(false);
        return result.Succeeded ? ExitCodes.Success : ExitCodes.RuntimeFailure;
    }

    internal static IHost Build(RunRequest request, ServiceSettings settings, TextWriter log)
    {
        var ports = Ports(settings);
        if (ports.Count == 0)
        {
            var plain = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            Configure(plain.Services, request, settings, log);
            return plain.Build();
        }

        var web = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        web.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            foreach (var port in ports)
            {
                kestrel.Listen(settings.ListenAddress, port);
            }
        });
        Configure(web.Services, request, settings, log);
        var app = web.Build();

        // Each endpoint answers on its own port only (the two may be the same), as the reference's two servers.
        if (settings.HealthPort > 0)
        {
            app.UseHealthChecks("/healthz", settings.HealthPort, Probe(UpdateLoopHealthChecks.LiveTag));
            app.UseHealthChecks("/readyz", settings.HealthPort, Probe(UpdateLoopHealthChecks.ReadyTag));
        }

        if (settings.MetricsPort > 0)
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
                context.Connection.LocalPort == settings.MetricsPort && context.Request.Path == "/metrics");
        }

        return app;
    }

    private static void Configure(IServiceCollection services, RunRequest request, ServiceSettings settings, TextWriter log)
    {
        RunServices.Configure(services, request, log)
            .AddUpdateLoop(options =>
            {
                options.Interval = settings.Interval;
                options.Cycle = request.Cycle;
                options.WarmUp = settings.WarmUp;
            });

        // The host's own lines ("Application started", "Now listening on") say nothing the loop does not.
        services.AddLogging(logging => logging.AddFilter("Microsoft", LogLevel.Warning));
        if (settings.MetricsPort > 0)
        {
            services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(MeterPattern).AddPrometheusExporter());
        }
    }

    private static HealthCheckOptions Probe(string tag) => new()
    {
        Predicate = check => check.Tags.Contains(tag),
    };

    private static List<int> Ports(ServiceSettings settings) =>
        new[] { settings.HealthPort, settings.MetricsPort }.Where(static p => p > 0).Distinct().ToList();

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the health probes /healthz and /readyz on TCP port {Port}")]
    private static partial void LogServingProbes(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving Prometheus metrics on /metrics, TCP port {Port}")]
    private static partial void LogServingMetrics(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Check interval is very low - it is not recommended to run below 1m0s")]
    private static partial void LogLowInterval(ILogger logger);
}
