namespace ImageUpdater.Kubernetes;

/// <summary>
/// Buffers each API server answer up to a limit before the client parses it, so that an answer that never ends (a
/// broken proxy, a hostile endpoint) fails that one request with a message naming it instead of exhausting memory.
/// </summary>
internal sealed class ResponseSizeLimitHandler(long maxResponseBytes) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await response.Content.LoadIntoBufferAsync(maxResponseBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            response.Dispose();
            throw new HttpRequestException(
                $"The API server's answer to {request.Method} {request.RequestUri?.AbsolutePath} is larger than {maxResponseBytes} bytes.", ex);
        }

        return response;
    }
}
