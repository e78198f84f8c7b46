using System.Collections.Concurrent;

namespace ImageUpdater.Testing;

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
