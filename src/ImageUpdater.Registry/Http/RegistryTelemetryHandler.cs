using System.Diagnostics;
using System.Globalization;

namespace ImageUpdater.Registry.Http;

/// <summary>Counts and times every request on the wire, tagged with its kind (set by the sender).</summary>
internal sealed class RegistryTelemetryHandler(RegistryMetrics metrics) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<string> KindKey = new("ImageUpdater.Registry.Kind");
    public static readonly HttpRequestOptionsKey<string> RegistryKey = new("ImageUpdater.Registry.Registry");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.TryGetValue(KindKey, out var kind);
        request.Options.TryGetValue(RegistryKey, out var registry);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            metrics.RecordRequest(kind ?? "other", registry ?? string.Empty, StatusText(response.StatusCode), Stopwatch.GetElapsedTime(started));
            return response;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.RecordRequest(kind ?? "other", registry ?? string.Empty, "error", Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    // The usual answers without a string per request.
    private static string StatusText(System.Net.HttpStatusCode status) => status switch
    {
        System.Net.HttpStatusCode.OK => "200",
        System.Net.HttpStatusCode.NotFound => "404",
        System.Net.HttpStatusCode.Unauthorized => "401",
        _ => ((int)status).ToString(CultureInfo.InvariantCulture),
    };
}
