using System.Globalization;
using System.Text.Json.Nodes;
using ImageUpdater.Engine;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Kubernetes;

/// <summary>
/// Records the reference's <c>ImagesUpdated</c> Event on an updated Application: type Normal, source component
/// <c>ArgocdImageUpdater</c>, message <c>Successfully updated application '&lt;name&gt;'</c>, and per change the
/// annotations <c>argocd-image-updater.image-N/full-image-name</c>, <c>image-name</c>, <c>old-tag</c>, <c>new-tag</c>.
/// An Event that cannot be created is logged; the update itself stands.
/// </summary>
internal sealed partial class ApplicationEventRecorder(
    KubernetesCluster cluster,
    IOptions<KubernetesApplicationStoreOptions> options,
    TimeProvider timeProvider,
    ILogger<ApplicationEventRecorder>? logger = null)
{
    /// <summary>The reason of the Event.</summary>
    public const string Reason = "ImagesUpdated";

    /// <summary>The component named as the Event's source.</summary>
    public const string Component = "ArgocdImageUpdater";

    private readonly ILogger _logger = logger ?? NullLogger<ApplicationEventRecorder>.Instance;

    public async Task RecordAsync(JsonObject application, string ns, string name, string? resourceVersion, IReadOnlyList<ImageChange> changes, CancellationToken cancellationToken)
    {
        if (!options.Value.RecordEvents)
        {
            return;
        }

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            var prefix = "argocd-image-updater.image-" + i.ToString(CultureInfo.InvariantCulture);
            annotations[prefix + "/full-image-name"] = change.New.FullName;
            annotations[prefix + "/image-name"] = change.New.Name;
            annotations[prefix + "/old-tag"] = change.OldTag;
            annotations[prefix + "/new-tag"] = change.NewTag;
        }

        var now = timeProvider.GetUtcNow();
        var nanos = (now.ToUnixTimeMilliseconds() * 1_000_000) + (now.Ticks % TimeSpan.TicksPerMillisecond * 100);
        var @event = new Corev1Event
        {
            Metadata = new V1ObjectMeta
            {
                Name = name + "." + nanos.ToString("x", CultureInfo.InvariantCulture),
                NamespaceProperty = ns,
                Annotations = annotations,
            },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = KubernetesApi.ArgoGroup + "/" + KubernetesApi.Version,
                Kind = "Application",
                Name = name,
                NamespaceProperty = ns,
                ResourceVersion = resourceVersion,
                Uid = ApplicationJson.Text(application, "metadata", "uid"),
            },
            Source = new V1EventSource { Component = Component },
            Reason = Reason,
            Message = $"Successfully updated application '{name}'",
            Type = "Normal",
            Count = 1,
            FirstTimestamp = now.UtcDateTime,
            LastTimestamp = now.UtcDateTime,
        };
        try
        {
            await cluster.Client.CoreV1.CreateNamespacedEventAsync(@event, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException ex)
        {
            LogEventFailed(_logger, ns, name, KubernetesApi.Describe(ex));
        }
        catch (HttpRequestException ex)
        {
            LogEventFailed(_logger, ns, name, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the ImagesUpdated event on Application {Namespace}/{Name}: {Reason}")]
    private static partial void LogEventFailed(ILogger logger, string @namespace, string name, string reason);
}
