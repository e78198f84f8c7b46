using System.Text.Json;
using ImageUpdater.Engine;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Kubernetes;

/// <summary>
/// Reads the Applications and ImageUpdater resources of the watched namespaces from the API server, listed once per
/// cycle with the label selectors passed to the server. Each object becomes one <see cref="SourceDocument"/> (its JSON,
/// its <c>resourceVersion</c>) for the shared mapper. A list that fails (forbidden, missing CRD, server error) is an
/// error naming the resource and namespace; the other lists are still read.
/// </summary>
internal sealed class KubernetesApplicationSource(
    KubernetesCluster cluster,
    IOptions<KubernetesApplicationSourceOptions> options,
    CycleGeneration generation) : IApplicationSource
{
    /// <summary>Gets what the last cycle read, for the status of ImageUpdater resources.</summary>
    public ApplicationSourceSnapshot? Last { get; private set; }

    public async ValueTask<ApplicationSourceSnapshot> ReadAsync(CancellationToken cancellationToken = default)
    {
        generation.Advance();
        var settings = options.Value;
        var documents = new List<SourceDocument>();
        var errors = new List<ConfigurationException>();
        foreach (var ns in Namespaces(settings))
        {
            await ListAsync(KubernetesApi.ArgoGroup, KubernetesApi.Applications, "Application", ns, settings.ApplicationLabelSelector, documents, errors, cancellationToken).ConfigureAwait(false);
            await ListAsync(KubernetesApi.ImageUpdaterGroup, KubernetesApi.ImageUpdaters, "ImageUpdater", ns, settings.ImageUpdaterLabelSelector, documents, errors, cancellationToken).ConfigureAwait(false);
        }

        Last = new ApplicationSourceSnapshot { Documents = documents, Errors = errors };
        return Last;
    }

    /// <summary>The namespaces to list, <see langword="null"/> standing for all of them.</summary>
    private IEnumerable<string?> Namespaces(KubernetesApplicationSourceOptions settings)
    {
        if (settings.WatchNamespaces.Contains(KubernetesApplicationSourceOptions.AllNamespaces))
        {
            return [null];
        }

        return settings.WatchNamespaces.Count == 0
            ? [cluster.ArgoCdNamespace]
            : settings.WatchNamespaces.Distinct(StringComparer.Ordinal);
    }

    private async Task ListAsync(
        string group,
        string plural,
        string kind,
        string? ns,
        string? labelSelector,
        List<SourceDocument> documents,
        List<ConfigurationException> errors,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var where = ns is null ? "all namespaces" : "namespace " + ns;
        var read = new List<SourceDocument>();
        string? continueToken = null;
        try
        {
            do
            {
                var page = ns is null
                    ? await cluster.Client.CustomObjects.ListClusterCustomObjectAsync<JsonElement>(
                        group, KubernetesApi.Version, plural, continueParameter: continueToken, labelSelector: labelSelector, limit: settings.PageSize, cancellationToken: cancellationToken).ConfigureAwait(false)
                    : await cluster.Client.CustomObjects.ListNamespacedCustomObjectAsync<JsonElement>(
                        group, KubernetesApi.Version, ns, plural, continueParameter: continueToken, labelSelector: labelSelector, limit: settings.PageSize, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (page.ValueKind != JsonValueKind.Object || !page.TryGetProperty("items", out var items) || items.ValueKind is not (JsonValueKind.Array or JsonValueKind.Null))
                {
                    errors.Add(new ConfigurationException($"The API server's list of {plural} is not a list.", new ConfigurationLocation("cluster", Resource: where)));
                    return;
                }

                if (items.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in items.EnumerateArray())
                    {
                        read.Add(Document(item, group, kind));
                    }
                }

                if (read.Count > settings.MaxObjects)
                {
                    errors.Add(new ConfigurationException($"More than {settings.MaxObjects} {plural} in {where}; none of them is read.", new ConfigurationLocation("cluster", Resource: where)));
                    return;
                }

                continueToken = page.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                    && metadata.TryGetProperty("continue", out var next) && next.ValueKind == JsonValueKind.String
                    ? next.GetString()
                    : null;
            }
            while (!string.IsNullOrEmpty(continueToken));
        }
        catch (HttpOperationException ex)
        {
            errors.Add(new ConfigurationException($"Cannot list {plural}.{group} in {where}: {KubernetesApi.Describe(ex)}", new ConfigurationLocation("cluster", Resource: where), ex));
            return;
        }
        catch (HttpRequestException ex)
        {
            errors.Add(new ConfigurationException($"Cannot list {plural}.{group} in {where}: {ex.Message}", new ConfigurationLocation("cluster", Resource: where), ex));
            return;
        }
        catch (JsonException ex)
        {
            errors.Add(new ConfigurationException($"The API server's list of {plural}.{group} in {where} is not valid JSON: {ex.Message}", new ConfigurationLocation("cluster", Resource: where), ex));
            return;
        }

        documents.AddRange(read);
    }

    private static SourceDocument Document(JsonElement item, string group, string kind)
    {
        string? name = null, ns = null, version = null;
        if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            name = Text(metadata, "name");
            ns = Text(metadata, "namespace");
            version = Text(metadata, "resourceVersion");
        }

        var text = item.GetRawText();

        // A real API server sends kind and apiVersion with every item; the mapper needs them, so a list without adds them.
        if (item.ValueKind == JsonValueKind.Object && !item.TryGetProperty("kind", out _))
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(text)!.AsObject();
            node["kind"] = kind;
            node["apiVersion"] = group + "/" + KubernetesApi.Version;
            text = node.ToJsonString();
        }

        return new SourceDocument { Content = text, Origin = $"cluster {kind} {ns}/{name}", Version = version };
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
