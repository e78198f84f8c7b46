namespace ImageUpdater.Testing;

/// <summary>Records each request, then passes it on. One instance per handler chain.</summary>
public sealed class CountingHandler(RequestLog log) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        log.Add(new LoggedRequest(request.Method.Method, request.RequestUri!, request.Headers.Authorization is not null));
        return base.SendAsync(request, cancellationToken);
    }
}
