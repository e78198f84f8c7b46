using System.Net;
using System.Text.Json;
using k8s.Autorest;

namespace ImageUpdater.Kubernetes;

/// <summary>
/// The resources ImageUpdater calls on the API server, and every verb it uses on each: the RBAC rules in
/// <c>deploy/</c> grant exactly these, and a test checks both against the requests the code really makes.
/// </summary>
internal static class KubernetesApi
{
    /// <summary>The API group of Argo CD <c>Application</c>.</summary>
    public const string ArgoGroup = "argoproj.io";

    /// <summary>The API group of <c>ImageUpdater</c>.</summary>
    public const string ImageUpdaterGroup = "argocd-image-updater.argoproj.io";

    /// <summary>The version of both custom resources.</summary>
    public const string Version = "v1alpha1";

    /// <summary>The plural of <c>Application</c>.</summary>
    public const string Applications = "applications";

    /// <summary>The plural of <c>ImageUpdater</c>.</summary>
    public const string ImageUpdaters = "imageupdaters";

    /// <summary>Gets every (API group, resource, verb) the package uses; the core group is empty.</summary>
    public static IReadOnlyList<(string Group, string Resource, string Verb)> Calls { get; } =
    [
        (ArgoGroup, Applications, "list"),
        (ArgoGroup, Applications, "get"),
        (ArgoGroup, Applications, "update"),
        (ImageUpdaterGroup, ImageUpdaters, "list"),
        (ImageUpdaterGroup, ImageUpdaters + "/status", "update"),
        (string.Empty, "secrets", "get"),
        (string.Empty, "events", "create"),
        ("coordination.k8s.io", "leases", "get"),
        ("coordination.k8s.io", "leases", "create"),
        ("coordination.k8s.io", "leases", "update"),
    ];

    /// <summary>Describes a failed call for an error message: status code and the server's reason, bounded.</summary>
    internal static string Describe(HttpOperationException ex)
    {
        var code = ex.Response?.StatusCode ?? 0;
        var text = code == 0 ? "no response" : $"{(int)code} {code}";
        if (StatusMessage(ex.Response?.Content) is { Length: > 0 } message)
        {
            text += ": " + message;
        }

        return text;
    }

    internal static bool Is(HttpOperationException ex, HttpStatusCode code) => ex.Response?.StatusCode == code;

    // An API server answers errors with a `kind: Status` object; its message names the object, never a secret value.
    private static string? StatusMessage(string? body)
    {
        if (string.IsNullOrEmpty(body) || body.Length > 64 * 1024)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String)
            {
                var text = message.GetString()!;
                return text.Length > 300 ? text[..300] + "…" : text;
            }
        }
        catch (JsonException)
        {
            // Not a Status object: the status code says enough.
        }

        return null;
    }
}
