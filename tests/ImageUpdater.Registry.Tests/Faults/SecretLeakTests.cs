using System.Text;
using ImageUpdater.Credentials;
using ImageUpdater.Registry.Tests.Fixtures;
using ImageUpdater.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace ImageUpdater.Registry.Tests.Faults;

/// <summary>
/// Drives the registry client through Bearer auth with retries on the token endpoint and the registry, a refused
/// credential and a refused token, logging everything at Trace, and searches the logs and errors for the password (in
/// every form, such as inside a Basic header's base64) and for the bearer token.
/// </summary>
public sealed class SecretLeakTests
{
    private const string User = "robot";
    private const string Password = "Reg1stry-S3cret-9d4e";
    private const string WrongPassword = "Wr0ng-S3cret-Pass-1a2b";
    private static readonly string Token = "tok-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task No_password_or_token_appears_in_logs_or_errors()
    {
        var firstCalls = new HashSet<string>(StringComparer.Ordinal);
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            var path = context.Request.Path.Value ?? string.Empty;
            bool first;
            lock (firstCalls)
            {
                first = firstCalls.Add(path);
            }

            return path switch
            {
                "/v2/" => Challenge(context),
                "/token" => IssueAsync(context, first),
                _ => ServeTagsAsync(context, first),
            };
        });
        var logs = new FakeLogCollector();
        using var provider = new FakeLoggerProvider(logs);
        using var services = TestServices.Create(
            credentials: new FakeCredentialResolver((request, _) => new RegistryCredential(User, request.Spec == "env:GOOD" ? Password : WrongPassword)),
            logging: provider);
        var lister = services.GetRequiredService<IRegistryTagLister>();
        var good = TestServices.Endpoint(server.BaseUri, "env:GOOD");
        var bad = TestServices.Endpoint(server.BaseUri, "env:BAD");
        var ct = TestContext.Current.CancellationToken;
        var observed = new List<string>();

        // The token endpoint and the tag list each fail once with a retryable status, so retries are logged for both.
        Assert.Equal(["1.0"], await lister.ListTagsAsync(new RegistryRepository(good, "app", "env:GOOD"), ct).ToListAsync(ct));
        var refused = await Assert.ThrowsAsync<RegistryException>(async () =>
            await lister.ListTagsAsync(new RegistryRepository(bad, "app", "env:BAD"), ct).ToListAsync(ct));
        var tokenRefused = await Assert.ThrowsAsync<RegistryException>(async () =>
            await lister.ListTagsAsync(new RegistryRepository(good, "refuses-tokens", "env:GOOD"), ct).ToListAsync(ct));
        observed.Add(refused.ToString());
        observed.Add(tokenRefused.ToString());
        foreach (var record in logs.GetSnapshot())
        {
            observed.Add(record.Message);
            observed.Add(record.Exception?.ToString() ?? string.Empty);
            observed.Add(string.Join(";", record.StructuredState?.Select(kv => kv.Key + "=" + kv.Value) ?? []));
        }

        Assert.Contains(logs.GetSnapshot(), r => r.Message.Contains("/token", StringComparison.Ordinal));
        Assert.Contains(logs.GetSnapshot(), r => r.Message.Contains("/v2/app/tags/list", StringComparison.Ordinal));
        Assert.All(observed, text =>
        {
            Assert.Null(SecretForms.FindIn(text, Password));
            Assert.Null(SecretForms.FindIn(text, WrongPassword));
            Assert.Null(SecretForms.FindIn(text, Token));
        });
    }

    private static Task Challenge(HttpContext context)
    {
        context.Response.StatusCode = 401;
        context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"http://{context.Request.Host}/token\",service=\"test\"";
        return Task.CompletedTask;
    }

    private static async Task IssueAsync(HttpContext context, bool first)
    {
        if (first)
        {
            context.Response.StatusCode = 503;
            return;
        }

        if (context.Request.Headers.Authorization != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + Password)))
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("""{"errors":[{"code":"UNAUTHORIZED","message":"bad credentials"}]}""");
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"token":"{{Token}}","expires_in":300}""");
    }

    private static async Task ServeTagsAsync(HttpContext context, bool first)
    {
        if (context.Request.Headers.Authorization != "Bearer " + Token || context.Request.Path.StartsWithSegments("/v2/refuses-tokens"))
        {
            await Challenge(context);
            return;
        }

        if (first)
        {
            context.Response.StatusCode = 500;
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""{"name":"app","tags":["1.0"]}""");
    }
}
