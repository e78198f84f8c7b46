using System.Net;
using System.Text.Json;
using ImageUpdater.Credentials;
using ImageUpdater.Registry.Auth;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace ImageUpdater.Registry.Http;

/// <summary>
/// Sends one logical registry request: authenticates (ping, Basic, Bearer, one re-authentication on 401/403),
/// follows redirects by hand (dropping credentials on another host), retries transient failures with jittered
/// back-off honouring <c>Retry-After</c>, limits concurrency and rate per registry, and caps body sizes.
/// </summary>
internal sealed partial class RegistryHttpSender
{
    private const long ClientRenewalMilliseconds = 30_000;

    private readonly IHttpClientFactory _clients;
    private readonly EndpointStates _states;
    private readonly IRegistryCredentialResolver? _credentials;
    private readonly RegistryClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly string _userAgent;
    private readonly Caching.SingleFlight<string, BearerToken> _tokenFetches = new(StringComparer.Ordinal);

    public RegistryHttpSender(
        IHttpClientFactory clients,
        EndpointStates states,
        IOptions<RegistryClientOptions> options,
        TimeProvider time,
        ILogger<RegistryHttpSender> logger,
        IRegistryCredentialResolver? credentials = null)
    {
        _clients = clients;
        _states = states;
        _credentials = credentials;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _pipeline = BuildPipeline();
        _userAgent = RegistryUserAgent.Compose(_options.UserAgentPrefix);
    }

    public async Task<RegistryResponse> SendAsync(RegistryCall call, CancellationToken cancellationToken)
    {
        var state = _states.Get(call.Repository.Endpoint);
        var challenge = await GetChallengeAsync(state, call.Repository, cancellationToken).ConfigureAwait(false);
        var authorization = await AuthorizeAsync(state, call.Repository, challenge, refresh: false, invalidate: false, cancellationToken).ConfigureAwait(false);
        var response = await SendFollowingRedirectsAsync(state, call, state.Endpoint.ApiUrl, authorization.Header, cancellationToken).ConfigureAwait(false);
        if (response.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            // One re-authentication: a challenge not seen before (no ping, or a repository needing auth on an
            // anonymous registry), or a stale token or credential.
            var retry = false;
            var refresh = false;
            if (response.Status == HttpStatusCode.Unauthorized && response.Challenge is { } learned && learned != challenge)
            {
                state.Challenge = learned;
                challenge = learned;
                retry = true;
            }
            else if (authorization.Header is not null)
            {
                retry = true;
                refresh = authorization.UsedCredential;
            }

            if (retry)
            {
                LogReauthenticating(_logger, state.Label, call.Repository.Name, (int)response.Status, refresh);
                authorization = await AuthorizeAsync(state, call.Repository, challenge, refresh, invalidate: true, cancellationToken).ConfigureAwait(false);
                response = await SendFollowingRedirectsAsync(state, call, state.Endpoint.ApiUrl, authorization.Header, cancellationToken).ConfigureAwait(false);
            }
        }

        if ((int)response.Status is < 200 or > 299)
        {
            throw Failure(state, call, response);
        }

        return response;
    }

    private async Task<RegistryResponse> SendFollowingRedirectsAsync(EndpointState state, RegistryCall call, Uri authorizedOrigin, string? authorization, CancellationToken cancellationToken)
    {
        var uri = call.Uri;
        var method = call.Method;
        for (var redirects = 0; ; redirects++)
        {
            // A Link or Location header chosen by the registry may name any scheme; HttpClient would throw
            // NotSupportedException for file:, ftp: and the like.
            if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            {
                throw new RegistryException(RegistryErrorKind.InvalidContent, state.Label, call.Repository.Name, $"{call.What}: the registry sent a '{uri.Scheme}' URL; only http and https are followed");
            }

            // Credentials go only to the registry's own scheme, host and port, never to a redirect target elsewhere.
            var sameOrigin = Uri.Compare(uri, authorizedOrigin, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
            var response = await ExchangeAsync(state, call, method, uri, sameOrigin ? authorization : null, cancellationToken).ConfigureAwait(false);
            if (!IsRedirect(response.Status) || response.Location is null)
            {
                return response.Response;
            }

            if (redirects >= _options.MaxRedirects)
            {
                throw new RegistryException(RegistryErrorKind.Transport, state.Label, call.Repository.Name, $"{call.What}: more than {_options.MaxRedirects} redirects", response.Status);
            }

            uri = new Uri(uri, response.Location);
            if (response.Status == HttpStatusCode.SeeOther && method != HttpMethod.Head)
            {
                method = HttpMethod.Get;
            }
        }
    }

    private async Task<Exchange> ExchangeAsync(EndpointState state, RegistryCall call, HttpMethod method, Uri uri, string? authorization, CancellationToken cancellationToken)
    {
        HttpResponseMessage message;
        try
        {
            // The attempt's inputs travel as state, so no closure is allocated per request.
            message = await _pipeline.ExecuteAsync(
                static (attempt, token) => attempt.Sender.AttemptAsync(attempt, token),
                new Attempt(this, state, call, method, uri, authorization),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or IOException && !cancellationToken.IsCancellationRequested)
        {
            var kind = ex is TimeoutRejectedException ? RegistryErrorKind.Timeout : RegistryErrorKind.Transport;
            throw new RegistryException(kind, state.Label, call.Repository.Name, $"{call.What}: {Describe(ex)}", null, ex);
        }

        using (message)
        {
            var body = message.Content is BufferedContent buffered
                ? buffered.Bytes
                : await message.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            message.Headers.TryGetValues("Docker-Content-Digest", out var digests);
            message.Headers.TryGetValues("Link", out var links);
            AuthChallenge? challenge = null;
            if (message.StatusCode == HttpStatusCode.Unauthorized && message.Headers.TryGetValues("WWW-Authenticate", out var authenticate))
            {
                challenge = AuthChallenge.Parse(authenticate);
            }

            var result = new RegistryResponse(
                message.StatusCode,
                body,
                message.Content.Headers.ContentType?.MediaType,
                digests?.FirstOrDefault(),
                links is null ? null : LinkHeader.FindNext(links, uri),
                uri,
                challenge);
            return new Exchange(result, message.StatusCode, message.Headers.Location);
        }
    }

    private async ValueTask<HttpResponseMessage> AttemptAsync(Attempt attempt, CancellationToken token)
    {
        await attempt.State.Concurrency.WaitAsync(token).ConfigureAwait(false);
        try
        {
            if (attempt.State.Limiter is { } limiter)
            {
                using var lease = await limiter.AcquireAsync(1, token).ConfigureAwait(false);
            }

            using var request = new HttpRequestMessage(attempt.Method, attempt.Uri);
            request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
            if (attempt.Call.Accept is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept", attempt.Call.Accept);
            }

            if (attempt.Authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", attempt.Authorization);
            }

            request.Options.Set(RegistryTelemetryHandler.KindKey, attempt.Call.Kind);
            request.Options.Set(RegistryTelemetryHandler.RegistryKey, attempt.State.Label);
            var client = ClientFor(attempt.State);
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            try
            {
                await BufferBodyAsync(attempt.State, attempt.Call, response, attempt.Method, token).ConfigureAwait(false);
                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
        finally
        {
            attempt.State.Concurrency.Release();
        }
    }

    // IHttpClientFactory.CreateClient per request cost two lookups by the client's name, a new HttpClient with its own
    // CancellationTokenSource and the configured client actions, each time. The client is kept for a while instead,
    // and made anew well within the factory's handler lifetime (2 minutes by default), so that connections are still
    // recycled (DNS changes are seen) as when every request asked the factory.
    private HttpClient ClientFor(EndpointState state)
    {
        var now = Environment.TickCount64;
        if (state.Client is { } kept && now < kept.RenewAt)
        {
            return kept.Client;
        }

        var client = _clients.CreateClient(state.ClientName);
        state.Client = new KeptClient(client, now + ClientRenewalMilliseconds);
        return client;
    }

    // Reads the body within the call's cap while the attempt's timeout still runs, so a slow or truncated body is
    // retried like any other transient failure.
    private static async Task BufferBodyAsync(EndpointState state, RegistryCall call, HttpResponseMessage response, HttpMethod method, CancellationToken cancellationToken)
    {
        if (method == HttpMethod.Head)
        {
            return;
        }

        var original = response.Content;
        if (original.Headers.ContentLength is { } length && length > call.MaxBytes)
        {
            throw new RegistryException(RegistryErrorKind.InvalidContent, state.Label, call.Repository.Name, $"{call.What}: the response has {length} bytes, more than the limit of {call.MaxBytes}", response.StatusCode);
        }

        var stream = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        byte[] body;
        await using (stream.ConfigureAwait(false))
        {
            body = original.Headers.ContentLength is { } known
                ? await ReadExactlyAsync(state, call, response, stream, (int)known, cancellationToken).ConfigureAwait(false)
                : await ReadToEndAsync(state, call, response, stream, cancellationToken).ConfigureAwait(false);
        }

        var content = new BufferedContent(body);
        foreach (var header in original.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = content;
        original.Dispose();
    }

    // The common case (registries send Content-Length): one array of the announced size, read into directly, and a
    // body longer than announced is refused rather than cut.
    private static async Task<byte[]> ReadExactlyAsync(EndpointState state, RegistryCall call, HttpResponseMessage response, Stream stream, int length, CancellationToken cancellationToken)
    {
        var body = length == 0 ? [] : new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
        var probe = new byte[1];
        if (await stream.ReadAsync(probe, cancellationToken).ConfigureAwait(false) > 0)
        {
            throw new RegistryException(RegistryErrorKind.InvalidContent, state.Label, call.Repository.Name, $"{call.What}: the response is longer than its Content-Length of {length} bytes", response.StatusCode);
        }

        return body;
    }

    private static async Task<byte[]> ReadToEndAsync(EndpointState state, RegistryCall call, HttpResponseMessage response, Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > call.MaxBytes)
                {
                    throw new RegistryException(RegistryErrorKind.InvalidContent, state.Label, call.Repository.Name, $"{call.What}: the response is larger than the limit of {call.MaxBytes} bytes", response.StatusCode);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time };
        if (_options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = _options.MaxRetries,
                Delay = _options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                OnRetry = args =>
                {
                    if (!_logger.IsEnabled(LogLevel.Debug))
                    {
                        return ValueTask.CompletedTask;
                    }

                    var url = args.Outcome.Result?.RequestMessage?.RequestUri?.GetLeftPart(UriPartial.Path) ?? string.Empty;
                    var outcome = args.Outcome.Result is { } r ? ((int)r.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : Describe(args.Outcome.Exception);
                    LogRetrying(_logger, url, args.AttemptNumber + 1, args.RetryDelay, outcome);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddTimeout(_options.AttemptTimeout);
        return builder.Build();
    }

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is RegistryException)
        {
            return false; // a cap was exceeded: asking again gives the same answer
        }

        if (!HttpClientResiliencePredicates.IsTransient(outcome) && outcome.Exception is not IOException)
        {
            return false;
        }

        // A registry asking to wait longer than we are willing to is a failure, not a reason to sleep.
        return outcome.Result?.Headers.RetryAfter is not { } retryAfter || RetryAfterDelay(retryAfter) <= _options.MaxRetryAfter;
    }

    private TimeSpan RetryAfterDelay(System.Net.Http.Headers.RetryConditionHeaderValue value) =>
        value.Delta ?? (value.Date is { } date ? date - _time.GetUtcNow() : TimeSpan.Zero);

    private static RegistryException Failure(EndpointState state, RegistryCall call, RegistryResponse response)
    {
        var reason = response.Status switch
        {
            HttpStatusCode.NotFound => "not found",
            HttpStatusCode.Unauthorized => "authentication failed",
            HttpStatusCode.Forbidden => "access denied",
            HttpStatusCode.TooManyRequests => "too many requests",
            _ => "request failed",
        };
        var detail = ErrorDetail(response.Body);
        return new RegistryException(KindOf(response.Status), state.Label, call.Repository.Name, $"{call.What}: {reason}{(detail.Length > 0 ? ": " + detail : string.Empty)}", response.Status);
    }

    private static RegistryErrorKind KindOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => RegistryErrorKind.NotFound,
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => RegistryErrorKind.Unauthorized,
        HttpStatusCode.TooManyRequests => RegistryErrorKind.RateLimited,
        _ => RegistryErrorKind.Transport,
    };

    // The distribution spec's error body: {"errors":[{"code":"MANIFEST_UNKNOWN","message":"..."}]}.
    private static string ErrorDetail(byte[] body)
    {
        if (body.Length is 0 or > 64 * 1024)
        {
            return string.Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var parts = new List<string>();
                foreach (var error in errors.EnumerateArray().Take(3))
                {
                    var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                    var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                    parts.Add(string.Join(" ", new[] { code, message }.Where(static s => !string.IsNullOrEmpty(s))));
                }

                var text = string.Join("; ", parts).ReplaceLineEndings(" ");
                return text.Length > 300 ? text[..300] : text;
            }
        }
        catch (JsonException)
        {
            // Not a distribution error body; the status says enough.
        }

        return string.Empty;
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static string Describe(Exception? exception) => exception switch
    {
        null => string.Empty,
        TimeoutRejectedException => "timed out",
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } http => DescribeTlsFailure(http),
        // SocketsHttpHandler repeats the socket's reason in its own message: "Connection refused (host:port)".
        HttpRequestException { InnerException: { } inner } http when http.Message.Contains(inner.Message, StringComparison.Ordinal) => http.Message,
        HttpRequestException { InnerException: { } inner } http => http.Message + " (" + inner.Message + ")",
        _ => exception.Message,
    };

    // HttpClient says only "see inner exception"; the cause is the innermost message. A server that answers the
    // handshake with something other than TLS (a corrupt frame, a closed connection) is most often a plain-HTTP
    // registry reached over https.
    private static string DescribeTlsFailure(HttpRequestException exception)
    {
        var cause = exception.InnerException ?? exception;
        while (cause.InnerException is { } inner)
        {
            cause = inner;
        }

        var text = "the TLS handshake failed: " + cause.Message.TrimEnd('.');
        return cause is System.Security.Authentication.AuthenticationException && cause.Message.Contains("certificate", StringComparison.OrdinalIgnoreCase)
            ? text
            : text + "; if the registry speaks plain HTTP, its api_url should start with http://";
    }

    private readonly record struct Exchange(RegistryResponse Response, HttpStatusCode Status, Uri? Location);

    private readonly record struct Attempt(RegistryHttpSender Sender, EndpointState State, RegistryCall Call, HttpMethod Method, Uri Uri, string? Authorization)
    {
        // The Authorization header is a credential or a token: never in a text made of this value.
        public override string ToString() => $"Attempt({Method} {Uri})";
    }
}
