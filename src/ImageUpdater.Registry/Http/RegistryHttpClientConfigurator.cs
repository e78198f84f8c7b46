using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Registry.Http;

/// <summary>
/// Gives each endpoint's named client its own primary handler (TLS settings, no automatic redirects) and the
/// telemetry handler. Names are made on demand, so endpoints need not be known when services are registered.
/// </summary>
internal sealed class RegistryHttpClientConfigurator(EndpointStates states, RegistryMetrics metrics) : IConfigureNamedOptions<HttpClientFactoryOptions>
{
    public void Configure(string? name, HttpClientFactoryOptions options)
    {
        if (name is null || !name.StartsWith(RegistryHttpClientNames.Prefix, StringComparison.Ordinal) || states.FindTls(name) is not { } tls)
        {
            return;
        }

        options.HttpMessageHandlerBuilderActions.Add(builder =>
        {
            builder.PrimaryHandler = tls.CreatePrimaryHandler();
            builder.AdditionalHandlers.Add(new RegistryTelemetryHandler(metrics));
        });

        // The factory's outer logging scope ("HTTP GET <url>") would be opened for every request, logged or not; the
        // sender logs what matters itself, and the inner handler still logs requests at Debug.
        options.SuppressHandlerScope = true;

        // Timeouts are per attempt, enforced by the resilience pipeline.
        options.HttpClientActions.Add(client => client.Timeout = Timeout.InfiniteTimeSpan);
    }

    public void Configure(HttpClientFactoryOptions options) => Configure(Options.DefaultName, options);
}
