using System.Collections.Concurrent;

namespace ImageUpdater.Registry.Tests.Fixtures;

/// <summary>Every request the client sent on the wire, recorded by <see cref="CountingHandler"/>.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<LoggedRequest> _requests = new();

    public IReadOnlyList<LoggedRequest> Requests => [.. _requests];

    public void Add(LoggedRequest request) => _requests.Enqueue(request);

    public void Clear() => _requests.Clear();

    public int Count(string kind) => _requests.Count(r => r.Kind == kind);

    public Dictionary<string, int> ByKind() => _requests.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => g.Count());
}

public sealed record LoggedRequest(string Method, Uri Uri, bool HasAuthorization)
{
    public string Kind
    {
        get
        {
            var path = Uri.AbsolutePath;
            return path switch
            {
                "/v2/" or "/v2" => "ping",
                _ when path.EndsWith("/tags/list", StringComparison.Ordinal) => "tags",
                _ when path.Contains("/manifests/", StringComparison.Ordinal) => Method == "HEAD" ? "manifest-head" : "manifest",
                _ when path.Contains("/blobs/", StringComparison.Ordinal) => "blob",
                _ when path.Contains("token", StringComparison.Ordinal) => "token",
                _ => "other",
            };
        }
    }
}

/// <summary>Records each request, then passes it on. One instance per handler chain.</summary>
public sealed class CountingHandler(RequestLog log) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        log.Add(new LoggedRequest(request.Method.Method, request.RequestUri!, request.Headers.Authorization is not null));
        return base.SendAsync(request, cancellationToken);
    }
}
