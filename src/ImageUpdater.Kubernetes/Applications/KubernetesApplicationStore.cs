using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageUpdater.Applications;
using ImageUpdater.Engine;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Kubernetes;

/// <summary>
/// The <c>argocd</c> method's store in a cluster, as the reference updates Applications: read the object, set the
/// source's image fields, and replace it (PUT) with the <c>resourceVersion</c> that was read, so that a concurrent
/// change is a 409 Conflict (reported, and the handler reads again and retries). Nothing is sent when the object already
/// holds the values. Each update records an <c>ImagesUpdated</c> Event on the Application.
/// </summary>
internal sealed partial class KubernetesApplicationStore(
    KubernetesCluster cluster,
    IUpdatePolicyProvider mapper,
    ApplicationEventRecorder events,
    ILogger<KubernetesApplicationStore>? logger = null) : IApplicationStore
{
    private readonly ILogger _logger = logger ?? NullLogger<KubernetesApplicationStore>.Instance;

    public async ValueTask<ArgoApplication> ReadAsync(ArgoApplication application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        var ns = Namespace(application);
        JsonElement json;
        try
        {
            json = await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(
                KubernetesApi.ArgoGroup, KubernetesApi.Version, ns, KubernetesApi.Applications, application.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException ex)
        {
            throw new ImageUpdaterException($"Cannot read Application {ns}/{application.Name}: {KubernetesApi.Describe(ex)}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ImageUpdaterException($"Cannot read Application {ns}/{application.Name}: {ex.Message}", ex);
        }

        var version = json.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("resourceVersion", out var rv) ? rv.GetString() : null;
        var origin = $"cluster Application {ns}/{application.Name}";
        var snapshot = new ApplicationSourceSnapshot { Documents = [new SourceDocument { Content = json.GetRawText(), Origin = origin, Version = version }] };
        var policies = await mapper.GetPoliciesAsync(snapshot, cancellationToken).ConfigureAwait(false);
        var found = policies.Applications.Select(static r => r.Application).Where(a => a.Name == application.Name).ToList();
        if (found.Count != 1)
        {
            var why = policies.Errors.Count > 0 ? ": " + policies.Errors[0].Message : string.Empty;
            throw new ImageUpdaterException($"Cannot read Application {ns}/{application.Name} from the API server{why}");
        }

        return found[0] with { Version = version };
    }

    public async ValueTask<ApplicationStoreResult> ReplaceSourceAsync(ApplicationSourceReplacement replacement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var application = replacement.Application;
        var ns = Namespace(application);
        var display = $"Application {ns}/{application.Name}";
        try
        {
            var read = await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(
                KubernetesApi.ArgoGroup, KubernetesApi.Version, ns, KubernetesApi.Applications, application.Name, cancellationToken).ConfigureAwait(false);
            var node = JsonNode.Parse(read.GetRawText())!.AsObject();
            var version = ApplicationJson.Text(node, "metadata", "resourceVersion");
            if (application.Version is not null && version != application.Version)
            {
                return ApplicationStoreResult.Conflict($"{display} changed since it was read (resourceVersion {application.Version}, now {version}).");
            }

            var current = application.HasMultipleSources
                ? replacement.SourceIndex < application.Sources.Count ? application.Sources[replacement.SourceIndex] : null
                : application.Source;
            var before = node.ToJsonString();
            if (current is null || !ApplicationJson.SetSource(node, replacement.SourceIndex, current, replacement.Source))
            {
                return ApplicationStoreResult.Failed($"{display} has no {(replacement.SourceIndex < 0 ? "spec.source" : $"spec.sources[{replacement.SourceIndex}]")}.");
            }

            if (node.ToJsonString() == before)
            {
                return ApplicationStoreResult.Updated($"{display} already holds the values");
            }

            var written = await cluster.Client.CustomObjects.ReplaceNamespacedCustomObjectAsync<JsonElement>(
                node, KubernetesApi.ArgoGroup, KubernetesApi.Version, ns, KubernetesApi.Applications, application.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            var newVersion = written.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("resourceVersion", out var rv) ? rv.GetString() : null;
            await events.RecordAsync(node, ns, application.Name, newVersion, replacement.Changes, cancellationToken).ConfigureAwait(false);
            return ApplicationStoreResult.Updated($"{display} updated (resourceVersion {newVersion})");
        }
        catch (HttpOperationException ex) when (KubernetesApi.Is(ex, HttpStatusCode.Conflict))
        {
            LogConflict(_logger, ns, application.Name);
            return ApplicationStoreResult.Conflict($"{display} changed since it was read: {KubernetesApi.Describe(ex)}");
        }
        catch (HttpOperationException ex)
        {
            return ApplicationStoreResult.Failed($"Cannot update {display}: {KubernetesApi.Describe(ex)}");
        }
        catch (HttpRequestException ex)
        {
            return ApplicationStoreResult.Failed($"Cannot update {display}: {ex.Message}");
        }
    }

    private string Namespace(ArgoApplication application) =>
        application.Namespace.Length > 0 ? application.Namespace : cluster.ArgoCdNamespace;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Application {Namespace}/{Name} changed while it was being updated; it is read again")]
    private static partial void LogConflict(ILogger logger, string @namespace, string name);
}
