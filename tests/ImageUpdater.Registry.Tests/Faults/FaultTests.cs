using System.Diagnostics;
using System.Net;
using System.Text;
using ImageUpdater.Registry.Tests.Fixtures;
using ImageUpdater.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ImageUpdater.Registry.Tests.Faults;

/// <summary>What docker-registry cannot show: paging, throttling, flaky servers, bad bodies and redirects.</summary>
public sealed class FaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tag_pages_are_followed_through_relative_and_absolute_links()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (await PingAsync(context))
            {
                return;
            }

            Interlocked.Increment(ref calls);
            switch (context.Request.Query["last"].ToString())
            {
                case "":
                    context.Response.Headers.Link = "</v2/app/tags/list?n=2&last=b>; rel=\"next\"";
                    await Json(context, """{"name":"app","tags":["a","b"]}""");
                    break;
                case "b":
                    context.Response.Headers.Link = $"<http://{context.Request.Host}/v2/app/tags/list?n=2&last=d>; rel=\"next\"";
                    await Json(context, """{"name":"app","tags":["c","d"]}""");
                    break;
                default:
                    await Json(context, """{"name":"app","tags":["e"]}""");
                    break;
            }
        });
        using var services = TestServices.Create();

        var tags = await ListAsync(services, server);

        Assert.Equal(["a", "b", "c", "d", "e"], tags);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Endless_paging_ends_with_a_clear_error()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (await PingAsync(context))
            {
                return;
            }

            var page = int.Parse(context.Request.Query["page"].FirstOrDefault() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers.Link = $"</v2/app/tags/list?page={page + 1}>; rel=\"next\"";
            await Json(context, $$"""{"tags":["t{{page}}"]}""");
        });
        using var services = TestServices.Create(configure: o => o.MaxTagPages = 5);

        var error = await Assert.ThrowsAsync<RegistryException>(() => ListAsync(services, server));

        Assert.Contains("more than 5 pages", error.Message, StringComparison.Ordinal);
        Assert.Contains("app", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_loop_ends_with_a_clear_error()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (await PingAsync(context))
            {
                return;
            }

            context.Response.Headers.Link = context.Request.QueryString.HasValue ? "</v2/app/tags/list>; rel=\"next\"" : "</v2/app/tags/list?x=1>; rel=\"next\"";
            await Json(context, """{"tags":["a"]}""");
        });
        using var services = TestServices.Create();

        var error = await Assert.ThrowsAsync<RegistryException>(() => ListAsync(services, server));

        Assert.Contains("loop", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Retry_after_is_honoured(int status)
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (await PingAsync(context))
            {
                return;
            }

            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = status;
                context.Response.Headers.RetryAfter = "1";
                return;
            }

            await Json(context, """{"tags":["ok"]}""");
        });
        using var services = TestServices.Create();
        var clock = Stopwatch.StartNew();

        var tags = await ListAsync(services, server);

        Assert.Equal(["ok"], tags);
        Assert.Equal(2, calls);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"waited only {clock.Elapsed}");
    }

    [Fact]
    public async Task A_retry_after_longer_than_allowed_fails_at_once()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (await PingAsync(context))
            {
                return;
            }

            Interlocked.Increment(ref calls);
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "3600";
        });
        using var services = TestServices.Create();

        var error = await Assert.ThrowsAsync<RegistryException>(() => ListAsync(services, server));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Retry_after_as_an_http_date_is_honoured()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (await PingAsync(context))
            {
                return;
            }

            if (Interlocked.Increment(ref calls) == 1)
            {
                // HTTP dates have whole seconds: three seconds ahead is a wait of more than two.
                context.Response.StatusCode = 503;
                context.Response.Headers.RetryAfter = DateTimeOffset.UtcNow.AddSeconds(3).ToString("r", System.Globalization.CultureInfo.InvariantCulture);
                return;
            }

            await Json(context, """{"tags":["ok"]}""");
        });
        using var services = TestServices.Create();
        var clock = Stopwatch.StartNew();

        var tags = await ListAsync(services, server);

        Assert.Equal(["ok"], tags);
        Assert.Equal(2, calls);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(1800), $"waited only {clock.Elapsed}");
    }

    // The timeout ends the wait of a client that would sleep until the date instead of failing.
    [Fact(Timeout = 30_000)]
    public async Task A_retry_after_date_later_than_allowed_fails_at_once()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (await PingAsync(context))
            {
                return;
            }

            Interlocked.Increment(ref calls);
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = DateTimeOffset.UtcNow.AddHours(1).ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        });
        using var services = TestServices.Create();

        var lister = services.GetRequiredService<IRegistryTagLister>();
        var repository = new RegistryRepository(TestServices.Endpoint(server.BaseUri), "app");

        var error = await Assert.ThrowsAsync<RegistryException>(async () =>
            await lister.ListTagsAsync(repository, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Server_errors_are_retried_then_succeed()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (await PingAsync(context))
            {
                return;
            }

            if (Interlocked.Increment(ref calls) <= 2)
            {
                context.Response.StatusCode = 500;
                return;
            }

            await Json(context, """{"tags":["ok"]}""");
        });
        using var services = TestServices.Create();

        Assert.Equal(["ok"], await ListAsync(services, server));
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Retries_are_bounded_and_the_error_names_the_status()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (await PingAsync(context))
            {
                return;
            }

            Interlocked.Increment(ref calls);
            context.Response.StatusCode = 502;
        });
        using var services = TestServices.Create(configure: o => o.MaxRetries = 2);

        var error = await Assert.ThrowsAsync<RegistryException>(() => ListAsync(services, server));

        Assert.Equal(3, calls);
        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Contains("HTTP 502", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_body_times_out_and_is_retried()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (await PingAsync(context))
            {
                return;
            }

            var call = Interlocked.Increment(ref calls);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"tags\":[", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            if (call == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            await context.Response.WriteAsync("\"late\"]}", context.RequestAborted);
        });
        using var services = TestServices.Create(configure: o => o.AttemptTimeout = TimeSpan.FromSeconds(1));

        Assert.Equal(["late"], await ListAsync(services, server));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_slow_registry_fails_with_a_timeout_after_the_retries()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (await PingAsync(context))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        using var services = TestServices.Create(configure: o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxRetries = 1;
        });

        var error = await Assert.ThrowsAsync<RegistryException>(() => ListAsync(services, server));

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task A_body_cut_off_after_the_headers_is_retried()
    {
        // The connection is cut only once the client holds the headers, so the failure is always an IOException
        // while reading the body, never an HttpRequestException before the headers.
        var calls = 0;
        var clientHasHeaders = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (await PingAsync(context))
            {
                return;
            }

            var body = Encoding.UTF8.GetBytes("""{"tags":["whole"]}""");
            context.Response.ContentLength = body.Length;
            if (Interlocked.Increment(ref calls) == 1)
            {
                await context.Response.Body.WriteAsync(body.AsMemory(0, 5));
                await context.Response.Body.FlushAsync();
                await clientHasHeaders.Task.WaitAsync(TimeSpan.FromSeconds(10));
                context.Abort();
                return;
            }

            await context.Response.Body.WriteAsync(body);
        });
        using var services = TestServices.Create(extraHandler: () => new HeadersSignal(clientHasHeaders));

        Assert.Equal(["whole"], await ListAsync(services, server));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_redirect_to_the_same_host_keeps_the_authorization()
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:pass"));
        var mirrorAuthorizations = new List<string>();
        await using var registry = await LoopbackServer.StartAsync(async context =>
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            if (context.Request.Path.StartsWithSegments("/mirror"))
            {
                lock (mirrorAuthorizations)
                {
                    mirrorAuthorizations.Add(authorization);
                }
            }

            if (authorization != expected)
            {
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"test\"";
                return;
            }

            if (context.Request.Path == "/v2/")
            {
                return;
            }

            if (!context.Request.Path.StartsWithSegments("/mirror"))
            {
                context.Response.StatusCode = 307;
                context.Response.Headers.Location = "/mirror" + context.Request.Path;
                return;
            }

            await Json(context, """{"tags":["1.0"]}""");
        });
        using var services = TestServices.Create(credentials: FakeCredentialResolver.Fixed("user", "pass"));
        var endpoint = TestServices.Endpoint(registry.BaseUri, "env:X");

        var tags = await services.GetRequiredService<IRegistryTagLister>().ListTagsAsync(new RegistryRepository(endpoint, "app", "env:X"), Ct).ToListAsync(Ct);

        Assert.Equal(["1.0"], tags);
        Assert.Equal([expected], mirrorAuthorizations);
    }

    [Fact]
    public async Task Tag_list_entries_that_are_not_tag_names_are_left_out()
    {
        // An empty name, a fragment, a query or a path would each make a manifest URL that asks for something else.
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (await PingAsync(context))
            {
                return;
            }

            await Json(context, $$"""{"name":"app","tags":["1.0","","1.0\n","1.0#x","1.0?x","../x","-x","{{new string('a', 129)}}","v_2.1-rc.1","{{new string('b', 128)}}"]}""");
        });
        using var services = TestServices.Create();

        var tags = await ListAsync(services, server);

        Assert.Equal(["1.0", "v_2.1-rc.1", new string('b', 128)], tags);
    }

    [Fact]
    public async Task A_link_to_a_non_http_url_is_a_registry_error()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (await PingAsync(context))
            {
                return;
            }

            context.Response.Headers.Link = "<file:///etc/passwd>; rel=\"next\"";
            await Json(context, """{"name":"app","tags":["1.0"]}""");
        });
        using var services = TestServices.Create();

        var error = await Assert.ThrowsAsync<RegistryException>(() => ListAsync(services, server));

        Assert.Contains("'file' URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_to_a_non_http_url_is_a_registry_error()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (await PingAsync(context))
            {
                return;
            }

            context.Response.StatusCode = 307;
            context.Response.Headers.Location = "ftp://storage.example.com/blob";
            await Task.CompletedTask;
        });
        using var services = TestServices.Create();

        var error = await Assert.ThrowsAsync<RegistryException>(() => ListAsync(services, server));

        Assert.Contains("'ftp' URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_fails_without_retrying()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (await PingAsync(context))
            {
                return;
            }

            Interlocked.Increment(ref calls);
            await Json(context, """{"tags":["a",""");
        });
        using var services = TestServices.Create();

        var error = await Assert.ThrowsAsync<RegistryException>(() => ListAsync(services, server));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_manifest_larger_than_the_cap_is_refused()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (await PingAsync(context))
            {
                return;
            }

            context.Response.ContentType = ManifestMediaTypes.OciManifest;
            await context.Response.WriteAsync(new string(' ', 5000) + "{}");
        });
        using var services = TestServices.Create(configure: o => o.MaxManifestBytes = 4096);
        var reader = services.GetRequiredService<IRegistryManifestReader>();

        var error = await Assert.ThrowsAsync<RegistryException>(async () =>
            await reader.GetManifestAsync(new RegistryRepository(TestServices.Endpoint(server.BaseUri), "app"), "1.0", Ct));

        Assert.Contains("limit of 4096 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_digest_header_the_digest_is_the_sha256_of_the_manifest()
    {
        var manifest = Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"mediaType\":\"" + ManifestMediaTypes.OciManifest + "\",\"config\":{\"digest\":\"sha256:" + new string('a', 64) + "\"}}");
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (await PingAsync(context))
            {
                return;
            }

            context.Response.ContentType = ManifestMediaTypes.OciManifest;
            context.Response.ContentLength = manifest.Length;
            if (context.Request.Method != "HEAD")
            {
                await context.Response.Body.WriteAsync(manifest);
            }
        });
        using var services = TestServices.Create();

        var digest = await services.GetRequiredService<IRegistryDigestReader>().GetDigestAsync(new RegistryRepository(TestServices.Endpoint(server.BaseUri), "app"), "1.0", Ct);

        Assert.Equal(Digest.Sha256Of(manifest), digest);
    }

    [Fact]
    public async Task A_blob_redirect_to_another_host_carries_no_authorization()
    {
        var config = Encoding.UTF8.GetBytes("""{"created":"2024-05-01T10:00:00Z","os":"linux","architecture":"amd64","config":{"Labels":{"a":"b"}}}""");
        var configDigest = Digest.Sha256Of(config);
        var storageSawAuthorization = new List<bool>();
        await using var storage = await LoopbackServer.StartAsync(async context =>
        {
            lock (storageSawAuthorization)
            {
                storageSawAuthorization.Add(context.Request.Headers.Authorization.Count > 0);
            }

            await context.Response.Body.WriteAsync(config);
        });
        var registrySawAuthorization = false;
        await using var registry = await LoopbackServer.StartAsync(async context =>
        {
            if (context.Request.Headers.Authorization.Count == 0)
            {
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"test\"";
                return;
            }

            registrySawAuthorization = true;
            if (context.Request.Path == "/v2/")
            {
                return;
            }

            context.Response.StatusCode = 307;
            context.Response.Headers.Location = new Uri(storage.BaseUri, "/bucket/blob?sig=x").ToString();
            await Task.CompletedTask;
        });
        var resolver = FakeCredentialResolver.Fixed("user", "pass");
        using var services = TestServices.Create(credentials: resolver);
        var endpoint = TestServices.Endpoint(registry.BaseUri, "env:X");

        var result = await services.GetRequiredService<IRegistryConfigReader>().GetConfigAsync(new RegistryRepository(endpoint, "app", "env:X"), configDigest, Ct);

        Assert.Equal("b", result.Labels["a"]);
        Assert.True(registrySawAuthorization);
        Assert.Equal([false], storageSawAuthorization);
    }

    [Fact]
    public async Task One_failing_repository_does_not_stop_the_others()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (await PingAsync(context))
            {
                return;
            }

            if (context.Request.Path.StartsWithSegments("/v2/broken"))
            {
                context.Response.StatusCode = 500;
                return;
            }

            await Json(context, """{"tags":["1.0"]}""");
        });
        using var services = TestServices.Create(configure: o => o.MaxRetries = 1);
        var pass = services.GetRequiredService<IRegistryPassFactory>().BeginPass();
        var endpoint = TestServices.Endpoint(server.BaseUri);

        var broken = pass.GetCandidatesAsync(new TagCandidateRequest { Image = ImageReference.Parse(server.Authority + "/broken"), Endpoint = endpoint }, Ct).AsTask();
        var fine = pass.GetCandidatesAsync(new TagCandidateRequest { Image = ImageReference.Parse(server.Authority + "/fine"), Endpoint = endpoint }, Ct).AsTask();

        await Assert.ThrowsAsync<RegistryException>(() => broken);
        Assert.Equal(["1.0"], (await fine).Tags.Select(t => t.Name));
    }

    [Fact]
    public async Task Concurrency_per_registry_is_limited()
    {
        var inFlight = 0;
        var peak = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (await PingAsync(context))
            {
                return;
            }

            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            await Task.Delay(50);
            Interlocked.Decrement(ref inFlight);
            context.Response.Headers["Docker-Content-Digest"] = "sha256:" + new string('b', 64);
        });
        using var services = TestServices.Create(configure: o => o.MaxConcurrencyPerRegistry = 2);
        var reader = services.GetRequiredService<IRegistryDigestReader>();
        var repository = new RegistryRepository(TestServices.Endpoint(server.BaseUri), "app");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => reader.GetDigestAsync(repository, "t" + i, Ct).AsTask()));

        Assert.InRange(peak, 1, 2);
    }

    [Fact]
    public async Task The_registry_rate_limit_spaces_requests()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (await PingAsync(context))
            {
                return;
            }

            context.Response.Headers["Docker-Content-Digest"] = "sha256:" + new string('c', 64);
        });
        using var services = TestServices.Create();
        var reader = services.GetRequiredService<IRegistryDigestReader>();
        var repository = new RegistryRepository(TestServices.Endpoint(server.BaseUri) with { RequestsPerSecond = 10 }, "app");
        var clock = Stopwatch.StartNew();

        // A burst of 10 is allowed, then one request per 100 ms: 10 more take about a second.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => reader.GetDigestAsync(repository, "t" + i, Ct).AsTask()));

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(800), $"took only {clock.Elapsed}");
    }

    private static async Task<List<string>> ListAsync(ServiceProvider services, LoopbackServer server) =>
        await services.GetRequiredService<IRegistryTagLister>().ListTagsAsync(new RegistryRepository(TestServices.Endpoint(server.BaseUri), "app"), Ct).ToListAsync(Ct);

    private static async Task<bool> PingAsync(HttpContext context)
    {
        if (context.Request.Path != "/v2/")
        {
            return false;
        }

        await context.Response.WriteAsync("{}");
        return true;
    }

    private static async Task Json(HttpContext context, string body)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    /// <summary>Completes a task when the headers of a response to anything but the ping reach the client.</summary>
    private sealed class HeadersSignal(TaskCompletionSource headersSeen) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri?.AbsolutePath != "/v2/")
            {
                headersSeen.TrySetResult();
            }

            return response;
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
