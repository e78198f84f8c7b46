using System.Net;
using ImageUpdater.Hosting;

namespace ImageUpdater.Cli.Service;

/// <summary>How <c>run</c> without <c>--once</c> runs as a service: the loop's interval and the HTTP endpoints.</summary>
internal sealed record ServiceSettings
{
    /// <summary>The reference's default health port (<c>/healthz</c>, and <c>/readyz</c> here).</summary>
    public const int DefaultHealthPort = 8080;

    /// <summary>The reference's default metrics port (<c>/metrics</c>).</summary>
    public const int DefaultMetricsPort = 8081;

    public TimeSpan Interval { get; init; } = UpdateLoopOptions.DefaultInterval;

    /// <summary>The port of <c>/healthz</c> and <c>/readyz</c>; 0 serves none.</summary>
    public int HealthPort { get; init; } = DefaultHealthPort;

    /// <summary>The port of <c>/metrics</c>; 0 serves none and collects no metrics.</summary>
    public int MetricsPort { get; init; } = DefaultMetricsPort;

    public bool WarmUp { get; init; } = true;

    /// <summary>
    /// The address the endpoints listen on: every interface, as the reference, so that the kubelet and Prometheus reach
    /// them in a pod. Tests set loopback; it is not a flag.
    /// </summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Any;
}
