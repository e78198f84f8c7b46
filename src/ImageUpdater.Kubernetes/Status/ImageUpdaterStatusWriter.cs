using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageUpdater.Engine;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Kubernetes;

/// <summary>
/// Writes the <c>status</c> of each ImageUpdater resource the last cycle read, through the status subresource:
/// <c>observedGeneration</c>, <c>lastCheckedAt</c>, <c>lastUpdatedAt</c>, <c>applicationsMatched</c>,
/// <c>imagesManaged</c>, <c>recentUpdates</c> and the conditions <c>Ready</c>, <c>Reconciling</c> and <c>Error</c>.
/// A status is written only when it changed (and <c>lastCheckedAt</c> at most every
/// <see cref="ImageUpdaterStatusOptions.CheckedAtRefresh"/> otherwise). The engine calls it after each cycle that is not a dry run (<see cref="ICycleObserver"/>).
/// </summary>
internal sealed partial class ImageUpdaterStatusWriter : ICycleObserver
{
    private readonly KubernetesCluster _cluster;
    private readonly KubernetesApplicationSource _source;
    private readonly IUpdatePolicyProvider _mapper;
    private readonly TimeProvider _time;
    private readonly ImageUpdaterStatusOptions _options;
    private readonly ILogger _logger;

    internal ImageUpdaterStatusWriter(
        KubernetesCluster cluster,
        KubernetesApplicationSource source,
        IUpdatePolicyProvider mapper,
        TimeProvider time,
        IOptions<ImageUpdaterStatusOptions> options,
        ILogger<ImageUpdaterStatusWriter>? logger)
    {
        _cluster = cluster;
        _source = source;
        _mapper = mapper;
        _time = time;
        _options = options.Value;
        _logger = logger ?? NullLogger<ImageUpdaterStatusWriter>.Instance;
    }

    /// <inheritdoc />
    async ValueTask ICycleObserver.OnCycleCompletedAsync(CycleResult result, CancellationToken cancellationToken) =>
        await WriteAsync(result, cancellationToken).ConfigureAwait(false);

    /// <summary>Writes the status of every ImageUpdater resource the cycle read, where it changed.</summary>
    /// <param name="result">The cycle's result.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>How many statuses were written.</returns>
    public async Task<int> WriteAsync(CycleResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (_source.Last is not { } snapshot || result.DryRun)
        {
            return 0;
        }

        var policies = await _mapper.GetPoliciesAsync(snapshot, cancellationToken).ConfigureAwait(false);
        var written = 0;
        foreach (var document in snapshot.Documents)
        {
            if (JsonNode.Parse(document.Content) is not JsonObject resource || (string?)resource["kind"] != "ImageUpdater")
            {
                continue;
            }

            var ns = ApplicationJson.Text(resource, "metadata", "namespace") ?? string.Empty;
            var name = ApplicationJson.Text(resource, "metadata", "name") ?? string.Empty;
            var display = "ImageUpdater " + ns + "/" + name;
            var matched = policies.Applications
                .Where(r => r.Policy is { } p && p.Origin.Split(", ").Any(o => o == display || o == display + " (annotations)"))
                .ToList();
            var status = Status(resource, matched, result);
            if (status is null)
            {
                continue;
            }

            resource["status"] = status;
            try
            {
                await _cluster.Client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync<JsonElement>(
                    resource, KubernetesApi.ImageUpdaterGroup, KubernetesApi.Version, ns, KubernetesApi.ImageUpdaters, name, cancellationToken: cancellationToken).ConfigureAwait(false);
                written++;
            }
            catch (HttpOperationException ex) when (KubernetesApi.Is(ex, HttpStatusCode.Conflict))
            {
                // Changed since it was read: the next cycle writes it.
                LogStatusFailed(_logger, ns, name, KubernetesApi.Describe(ex));
            }
            catch (HttpOperationException ex)
            {
                LogStatusFailed(_logger, ns, name, KubernetesApi.Describe(ex));
            }
            catch (HttpRequestException ex)
            {
                LogStatusFailed(_logger, ns, name, ex.Message);
            }
        }

        return written;
    }

    /// <summary>The new status, or <see langword="null"/> when the current one needs no write.</summary>
    private JsonObject? Status(JsonObject resource, List<Policies.ApplicationPolicyResult> matched, CycleResult result)
    {
        var previous = resource["status"] as JsonObject ?? [];
        var now = Time(_time.GetUtcNow());
        var applications = matched
            .Select(m => result.Applications.FirstOrDefault(a => a.Name == m.Application.Name && a.Namespace == m.Application.Namespace))
            .Where(static a => a is not null)
            .Select(static a => a!)
            .ToList();
        var failures = applications.Where(static a => a.Outcome is ApplicationOutcome.Failed or ApplicationOutcome.Rejected).ToList();
        var updates = applications
            .SelectMany(a => a.Images.Where(static i => i.Updated).Select(i => new JsonObject
            {
                ["alias"] = i.Alias,
                ["image"] = i.Image,
                ["applicationName"] = a.Namespace + "/" + a.Name,
                ["oldVersion"] = i.Current ?? string.Empty,
                ["newVersion"] = i.Selected ?? string.Empty,
                ["updatedAt"] = now,
            }))
            .ToList();
        var recent = new JsonArray();
        foreach (var entry in updates.Concat((previous["recentUpdates"] as JsonArray ?? []).OfType<JsonObject>().Select(static e => (JsonObject)e.DeepClone())).Take(_options.RecentUpdates))
        {
            recent.Add(entry);
        }

        var error = string.Join("; ", failures.Select(static f => f.Namespace + "/" + f.Name + ": " + (f.Errors.Count > 0 ? f.Errors[0].Message : f.Reason ?? "failed")));
        if (error.Length > 2000)
        {
            error = error[..2000] + "…";
        }

        var generation = resource["metadata"]?["generation"]?.DeepClone();
        var conditions = new JsonArray(
            Condition(previous, "Ready", failures.Count == 0, failures.Count == 0 ? "CycleSucceeded" : "CycleFailed", failures.Count == 0 ? $"{applications.Count} application(s) checked" : "Some applications could not be updated", generation, now),
            Condition(previous, "Reconciling", false, "CycleCompleted", "No update cycle is running", generation, now),
            Condition(previous, "Error", failures.Count > 0, failures.Count > 0 ? "ApplicationsFailed" : "NoErrors", error, generation, now));
        var status = new JsonObject
        {
            ["observedGeneration"] = generation,
            ["lastCheckedAt"] = previous["lastCheckedAt"]?.DeepClone(),
            ["lastUpdatedAt"] = updates.Count > 0 ? now : previous["lastUpdatedAt"]?.DeepClone(),
            ["applicationsMatched"] = matched.Count,
            ["imagesManaged"] = matched.Sum(static m => m.Policy!.Images.Count),
            ["recentUpdates"] = recent,
            ["conditions"] = conditions,
        };
        var checkedAt = (string?)previous["lastCheckedAt"];
        var stale = checkedAt is null
            || !DateTimeOffset.TryParse(checkedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            || _time.GetUtcNow() - at >= _options.CheckedAtRefresh;
        // Compared as JSON text parsed again, so that numbers read from the server and numbers set here compare by value.
        if (!stale && JsonNode.DeepEquals(JsonNode.Parse(status.ToJsonString()), JsonNode.Parse(previous.ToJsonString())))
        {
            return null;
        }

        status["lastCheckedAt"] = now;
        return status;
    }

    // A condition keeps its lastTransitionTime while its status stays the same.
    private static JsonObject Condition(JsonObject previous, string type, bool value, string reason, string message, JsonNode? generation, string now)
    {
        var status = value ? "True" : "False";
        var before = (previous["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);
        var transition = before is not null && (string?)before["status"] == status ? (string?)before["lastTransitionTime"] ?? now : now;
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["observedGeneration"] = generation?.DeepClone(),
            ["lastTransitionTime"] = transition,
            ["reason"] = reason,
            ["message"] = message,
        };
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the status of ImageUpdater {Namespace}/{Name}: {Reason}")]
    private static partial void LogStatusFailed(ILogger logger, string @namespace, string name, string reason);
}
