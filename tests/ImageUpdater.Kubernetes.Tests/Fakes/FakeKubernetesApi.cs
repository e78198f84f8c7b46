using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageUpdater.Testing;
using Microsoft.AspNetCore.Http;

namespace ImageUpdater.Kubernetes.Tests.Fakes;

/// <summary>
/// An in-test Kubernetes API server on 127.0.0.1 that behaves as a real one where ImageUpdater depends on it: objects
/// keep a <c>resourceVersion</c>; a stale write is 409; a PUT of a custom resource without <c>resourceVersion</c> is 422;
/// a strategic merge patch is 415; writes to a resource ignore <c>status</c> and the <c>/status</c> subresource changes
/// only <c>status</c>; a write that changes nothing keeps the <c>resourceVersion</c>; lists honour label selectors and
/// <c>limit</c>/<c>continue</c>; every error is a <c>kind: Status</c> object. It also serves discovery for kubectl.
/// Every request is recorded as (verb, group, resource) for the RBAC test.
/// </summary>
internal sealed class FakeKubernetesApi : IAsyncDisposable
{
    private static readonly (string Group, string Version, string Resource, string Kind, bool CustomResource)[] Resources =
    [
        ("argoproj.io", "v1alpha1", "applications", "Application", true),
        ("argocd-image-updater.argoproj.io", "v1alpha1", "imageupdaters", "ImageUpdater", true),
        ("coordination.k8s.io", "v1", "leases", "Lease", false),
        (string.Empty, "v1", "secrets", "Secret", false),
        (string.Empty, "v1", "events", "Event", false),
    ];

    // Known to discovery only (kubectl apply --dry-run=client maps the kinds of deploy/ through it); requests are 404.
    private static readonly (string Group, string Version, string Resource, string Kind, bool Namespaced)[] DiscoveryOnly =
    [
        ("apps", "v1", "deployments", "Deployment", true),
        (string.Empty, "v1", "serviceaccounts", "ServiceAccount", true),
        (string.Empty, "v1", "namespaces", "Namespace", false),
        ("rbac.authorization.k8s.io", "v1", "roles", "Role", true),
        ("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true),
        ("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false),
        ("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false),
        ("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false),
    ];

    private readonly object _lock = new();
    private readonly Dictionary<(string Group, string Resource, string Namespace, string Name), JsonObject> _objects = [];
    private long _resourceVersion = 1000;
    private LoopbackServer _server = null!;

    public Uri BaseUri => _server.BaseUri;

    /// <summary>Gets every request as (verb, API group, resource[/subresource], namespace, name).</summary>
    public ConcurrentQueue<(string Verb, string Group, string Resource, string Namespace, string Name)> Requests { get; } = new();

    /// <summary>Gets or sets a hook that may answer a request itself (fault injection); return true when it did.</summary>
    public Func<HttpContext, ApiRequest, Task<bool>>? Intercept { get; set; }

    public static async Task<FakeKubernetesApi> StartAsync()
    {
        var api = new FakeKubernetesApi();
        api._server = await LoopbackServer.StartAsync(api.HandleAsync);
        return api;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>Writes a kubeconfig pointing at this server (namespace argocd) and returns its path.</summary>
    public string WriteKubeconfig(TemporaryFolder folder, string ns = "argocd") => folder.WriteFile("kubeconfig", $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: test
          cluster:
            server: {BaseUri.ToString().TrimEnd('/')}
        users:
        - name: test
          user:
            token: not-a-secret-test-token
        contexts:
        - name: test
          context:
            cluster: test
            user: test
            namespace: {ns}
        current-context: test
        """);

    /// <summary>Stores an object as a client would create it; returns its resourceVersion.</summary>
    public string Put(string group, string resource, JsonObject obj)
    {
        lock (_lock)
        {
            var ns = (string?)obj["metadata"]?["namespace"] ?? string.Empty;
            var name = (string)obj["metadata"]!["name"]!;
            var metadata = obj["metadata"]!.AsObject();
            metadata["resourceVersion"] = NextVersion();
            metadata["uid"] ??= Guid.NewGuid().ToString();
            metadata["generation"] ??= 1;
            _objects[(group, resource, ns, name)] = obj;
            return (string)metadata["resourceVersion"]!;
        }
    }

    public JsonObject? Get(string group, string resource, string ns, string name)
    {
        lock (_lock)
        {
            return _objects.TryGetValue((group, resource, ns, name), out var obj) ? (JsonObject)obj.DeepClone() : null;
        }
    }

    public IReadOnlyList<JsonObject> All(string group, string resource)
    {
        lock (_lock)
        {
            return _objects.Where(o => o.Key.Group == group && o.Key.Resource == resource).Select(o => (JsonObject)o.Value.DeepClone()).ToList();
        }
    }

    /// <summary>Changes an object behind the client's back (another writer), bumping its resourceVersion.</summary>
    public void Mutate(string group, string resource, string ns, string name, Action<JsonObject> change)
    {
        lock (_lock)
        {
            var obj = _objects[(group, resource, ns, name)];
            change(obj);
            obj["metadata"]!["resourceVersion"] = NextVersion();
        }
    }

    /// <summary>Gets every request any fake server of this test run answered, for the RBAC test.</summary>
    public static ConcurrentQueue<(string Verb, string Group, string Resource)> AllRequests { get; } = new();

    public int Count(string verb, string resource) => Requests.Count(r => r.Verb == verb && r.Resource == resource);

    private string NextVersion() => (++_resourceVersion).ToString(CultureInfo.InvariantCulture);

    private async Task HandleAsync(HttpContext context)
    {
        try
        {
            await HandleCoreAsync(context);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or NullReferenceException or FormatException)
        {
            // A bug of the fake or a request it cannot read: say which, as a real server's Status would.
            await StatusAsync(context, 500, "InternalError", "test server: " + ex.GetType().Name + ": " + ex.Message);
        }
    }

    private async Task HandleCoreAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (await DiscoveryAsync(context, path))
        {
            return;
        }

        var request = Parse(context.Request.Method, segments, context.Request.Query);
        if (request is null)
        {
            await StatusAsync(context, 404, "NotFound", $"the server could not find the requested resource ({path})");
            return;
        }

        // Only ImageUpdater's own calls count for RBAC, not kubectl's (the wire-format tests).
        if (!context.Request.Headers.UserAgent.ToString().StartsWith("kubectl", StringComparison.Ordinal))
        {
            AllRequests.Enqueue((request.Verb, request.Group, request.Subresource is null ? request.Resource : request.Resource + "/" + request.Subresource));
        }

        Requests.Enqueue((request.Verb, request.Group, request.Subresource is null ? request.Resource : request.Resource + "/" + request.Subresource, request.Namespace ?? string.Empty, request.Name ?? string.Empty));
        if (Intercept is { } intercept && await intercept(context, request))
        {
            return;
        }

        switch (request.Verb)
        {
            case "get":
                var found = Get(request.Group, request.Resource, request.Namespace!, request.Name!);
                if (found is null)
                {
                    await StatusAsync(context, 404, "NotFound", $"{request.Resource}.{request.Group} \"{request.Name}\" not found");
                    return;
                }

                await JsonAsync(context, 200, found);
                return;
            case "list":
                await ListAsync(context, request);
                return;
            case "create":
                await CreateAsync(context, request);
                return;
            case "update":
                await UpdateAsync(context, request, await ReadBodyAsync(context));
                return;
            case "patch":
                await PatchAsync(context, request);
                return;
            default:
                await StatusAsync(context, 405, "MethodNotAllowed", $"{request.Verb} is not supported by this test server");
                return;
        }
    }

    private static ApiRequest? Parse(string method, string[] s, IQueryCollection query)
    {
        // /api/v1/namespaces/{ns}/{resource}[/{name}] and /apis/{group}/{version}/[namespaces/{ns}/]{resource}[/{name}[/{sub}]]
        string group, version;
        int i;
        if (s.Length >= 2 && s[0] == "api")
        {
            (group, version, i) = (string.Empty, s[1], 2);
        }
        else if (s.Length >= 3 && s[0] == "apis")
        {
            (group, version, i) = (s[1], s[2], 3);
        }
        else
        {
            return null;
        }

        string? ns = null;
        if (s.Length > i + 1 && s[i] == "namespaces")
        {
            ns = s[i + 1];
            i += 2;
        }

        if (s.Length <= i)
        {
            return null;
        }

        var resource = s[i];
        var name = s.Length > i + 1 ? s[i + 1] : null;
        var sub = s.Length > i + 2 ? s[i + 2] : null;
        if (!Resources.Any(r => r.Group == group && r.Version == version && r.Resource == resource))
        {
            return null;
        }

        var verb = (method, name) switch
        {
            ("GET", null) => query["watch"] == "true" ? "watch" : "list",
            ("GET", _) => "get",
            ("POST", null) => "create",
            ("PUT", not null) => "update",
            ("PATCH", not null) => "patch",
            ("DELETE", _) => "delete",
            _ => "unsupported",
        };
        return new ApiRequest(verb, group, version, resource, ns, name, sub, query["labelSelector"].ToString(), query["limit"].ToString(), query["continue"].ToString());
    }

    private async Task ListAsync(HttpContext context, ApiRequest request)
    {
        List<JsonObject> items;
        Func<JsonObject, bool> selector;
        try
        {
            selector = LabelSelector.Parse(request.LabelSelector);
        }
        catch (FormatException ex)
        {
            await StatusAsync(context, 400, "BadRequest", "unable to parse requirement: " + ex.Message);
            return;
        }

        lock (_lock)
        {
            items = _objects
                .Where(o => o.Key.Group == request.Group && o.Key.Resource == request.Resource && (request.Namespace is null || o.Key.Namespace == request.Namespace))
                .OrderBy(o => o.Key.Namespace, StringComparer.Ordinal).ThenBy(o => o.Key.Name, StringComparer.Ordinal)
                .Select(o => (JsonObject)o.Value.DeepClone())
                .Where(selector)
                .ToList();
        }

        var offset = int.TryParse(request.Continue, out var start) ? start : 0;
        var limit = int.TryParse(request.Limit, out var n) && n > 0 ? n : int.MaxValue;
        var page = items.Skip(offset).Take(limit).ToList();
        var kind = Resources.First(r => r.Group == request.Group && r.Resource == request.Resource).Kind;
        var metadata = new JsonObject { ["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture) };
        if (offset + page.Count < items.Count)
        {
            metadata["continue"] = (offset + page.Count).ToString(CultureInfo.InvariantCulture);
        }

        var list = new JsonObject
        {
            ["apiVersion"] = request.Group.Length == 0 ? request.Version : request.Group + "/" + request.Version,
            ["kind"] = kind + "List",
            ["metadata"] = metadata,
            ["items"] = new JsonArray(page.Select(p => (JsonNode?)p).ToArray()),
        };
        await JsonAsync(context, 200, list);
    }

    private async Task CreateAsync(HttpContext context, ApiRequest request)
    {
        var body = await ReadBodyAsync(context);
        var name = (string?)body["metadata"]?["name"];
        if (string.IsNullOrEmpty(name))
        {
            await StatusAsync(context, 422, "Invalid", "metadata.name: Required value");
            return;
        }

        lock (_lock)
        {
            if (_objects.ContainsKey((request.Group, request.Resource, request.Namespace ?? string.Empty, name)))
            {
                body = null;
            }
        }

        if (body is null)
        {
            await StatusAsync(context, 409, "AlreadyExists", $"{request.Resource}.{request.Group} \"{name}\" already exists");
            return;
        }

        body["metadata"]!["namespace"] = request.Namespace;
        body["metadata"]!.AsObject().Remove("resourceVersion");
        Put(request.Group, request.Resource, body);
        await JsonAsync(context, 201, Get(request.Group, request.Resource, request.Namespace ?? string.Empty, name)!);
    }

    private async Task UpdateAsync(HttpContext context, ApiRequest request, JsonObject body)
    {
        var custom = Resources.First(r => r.Group == request.Group && r.Resource == request.Resource).CustomResource;
        var sent = (string?)body["metadata"]?["resourceVersion"];
        if (string.IsNullOrEmpty(sent) && custom)
        {
            await StatusAsync(context, 422, "Invalid", $"{request.Resource}.{request.Group} \"{request.Name}\" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update");
            return;
        }

        (int Code, string Reason, string Message)? error = null;
        JsonObject? stored = null;
        lock (_lock)
        {
            var key = (request.Group, request.Resource, request.Namespace ?? string.Empty, request.Name!);
            if (!_objects.TryGetValue(key, out var current))
            {
                error = (404, "NotFound", $"{request.Resource}.{request.Group} \"{request.Name}\" not found");
            }
            else if (!string.IsNullOrEmpty(sent) && sent != (string?)current["metadata"]!["resourceVersion"])
            {
                error = (409, "Conflict", $"Operation cannot be fulfilled on {request.Resource}.{request.Group} \"{request.Name}\": the object has been modified; please apply your changes to the latest version and try again");
            }
            else
            {
                JsonObject next;
                if (request.Subresource == "status")
                {
                    next = (JsonObject)current.DeepClone();
                    next["status"] = body["status"]?.DeepClone();
                }
                else
                {
                    next = (JsonObject)body.DeepClone();
                    next["metadata"]!["resourceVersion"] = current["metadata"]!["resourceVersion"]!.DeepClone();
                    next["metadata"]!["uid"] = current["metadata"]!["uid"]!.DeepClone();
                    next["metadata"]!["generation"] = current["metadata"]!["generation"]?.DeepClone();
                    if (custom)
                    {
                        // Writes to the resource ignore status.
                        next.Remove("status");
                        if (current["status"] is { } status)
                        {
                            next["status"] = status.DeepClone();
                        }
                    }

                    if (!JsonNode.DeepEquals(next["spec"], current["spec"]) && custom)
                    {
                        next["metadata"]!["generation"] = long.Parse(current["metadata"]!["generation"]?.ToJsonString() ?? "1", CultureInfo.InvariantCulture) + 1;
                    }
                }

                if (!JsonNode.DeepEquals(next, current))
                {
                    next["metadata"]!["resourceVersion"] = NextVersion();
                    _objects[key] = next;
                }

                stored = (JsonObject)_objects[key].DeepClone();
            }
        }

        if (error is { } e)
        {
            await StatusAsync(context, e.Code, e.Reason, e.Message);
            return;
        }

        await JsonAsync(context, 200, stored!);
    }

    private async Task PatchAsync(HttpContext context, ApiRequest request)
    {
        var type = context.Request.ContentType ?? string.Empty;
        if (!type.StartsWith("application/merge-patch+json", StringComparison.Ordinal))
        {
            await StatusAsync(context, 415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/merge-patch+json (sent {type})");
            return;
        }

        var patch = await ReadBodyAsync(context);
        var current = Get(request.Group, request.Resource, request.Namespace ?? string.Empty, request.Name!);
        if (current is null)
        {
            await StatusAsync(context, 404, "NotFound", $"{request.Resource}.{request.Group} \"{request.Name}\" not found");
            return;
        }

        var sent = (string?)patch["metadata"]?["resourceVersion"];
        var merged = (JsonObject)MergePatch(current, patch)!;
        merged["metadata"]!["resourceVersion"] = sent ?? (string?)current["metadata"]!["resourceVersion"];
        await UpdateAsync(context, request, merged);
    }

    private static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = MergePatch(result[key], value);
            }
        }

        return result;
    }

    private static async Task<JsonObject> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task JsonAsync(HttpContext context, int code, JsonNode body)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static Task StatusAsync(HttpContext context, int code, string reason, string message) =>
        JsonAsync(context, code, new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        });

    private static async Task<bool> DiscoveryAsync(HttpContext context, string path)
    {
        JsonNode? body = path.TrimEnd('/') switch
        {
            "/version" => new JsonObject { ["major"] = "1", ["minor"] = "32", ["gitVersion"] = "v1.32.0", ["platform"] = "linux/amd64" },
            "/api" => new JsonObject { ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1"), ["serverAddressByClientCIDRs"] = new JsonArray() },
            "/apis" => new JsonObject
            {
                ["kind"] = "APIGroupList",
                ["apiVersion"] = "v1",
                ["groups"] = new JsonArray(AllKinds().Where(r => r.Group.Length > 0).Select(r => (r.Group, r.Version)).Distinct().Select(r => (JsonNode?)new JsonObject
                {
                    ["name"] = r.Group,
                    ["versions"] = new JsonArray(new JsonObject { ["groupVersion"] = r.Group + "/" + r.Version, ["version"] = r.Version }),
                    ["preferredVersion"] = new JsonObject { ["groupVersion"] = r.Group + "/" + r.Version, ["version"] = r.Version },
                }).ToArray()),
            },
            _ => ResourceList(path.TrimEnd('/')),
        };
        if (body is null)
        {
            return false;
        }

        await JsonAsync(context, 200, body);
        return true;
    }

    private static IEnumerable<(string Group, string Version, string Resource, string Kind, bool Namespaced, bool CustomResource)> AllKinds() =>
        Resources.Select(r => (r.Group, r.Version, r.Resource, r.Kind, true, r.CustomResource))
            .Concat(DiscoveryOnly.Select(r => (r.Group, r.Version, r.Resource, r.Kind, r.Namespaced, false)));

    private static JsonObject? ResourceList(string path)
    {
        var matches = AllKinds().Where(r => (r.Group.Length == 0 ? "/api/" + r.Version : "/apis/" + r.Group + "/" + r.Version) == path).ToList();
        if (matches.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var r in matches)
        {
            resources.Add(new JsonObject
            {
                ["name"] = r.Resource,
                ["singularName"] = r.Kind.ToLowerInvariant(),
                ["namespaced"] = r.Namespaced,
                ["kind"] = r.Kind,
                ["verbs"] = new JsonArray("get", "list", "create", "update", "patch", "delete"),
            });
            if (r.CustomResource)
            {
                resources.Add(new JsonObject { ["name"] = r.Resource + "/status", ["singularName"] = string.Empty, ["namespaced"] = true, ["kind"] = r.Kind, ["verbs"] = new JsonArray("get", "update", "patch") });
            }
        }

        return new JsonObject { ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = matches[0].Group.Length == 0 ? matches[0].Version : matches[0].Group + "/" + matches[0].Version, ["resources"] = resources };
    }
}

/// <summary>One API request as the fake server understood it.</summary>
internal sealed record ApiRequest(string Verb, string Group, string Version, string Resource, string? Namespace, string? Name, string? Subresource, string LabelSelector, string Limit, string Continue);
