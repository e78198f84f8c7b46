using System.Collections.Concurrent;
using System.Reflection;
using ImageUpdater.Credentials;
using ImageUpdater.Registry.Tests.Fixtures;
using ImageUpdater.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Registry.Tests.Headers;

/// <summary>
/// Every request the client sends (ping, token, tag list, manifest) names ImageUpdater and its version in
/// <c>User-Agent</c>, after the embedding program's own tokens when it configures them; as the server receives it.
/// </summary>
public sealed class UserAgentTests
{
    private const string Token = "ua-test-token";

    private static readonly string Version = typeof(RegistryClientOptions).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

    [Fact]
    public async Task Every_request_sends_ImageUpdater_and_its_informational_version()
    {
        var seen = await RunAsync(prefix: null);

        Assert.Equal(["/token", "/v2/", "/v2/app/manifests/1.0", "/v2/app/tags/list"], seen.Keys.Order(StringComparer.Ordinal));
        Assert.All(seen, pair => Assert.Equal("ImageUpdater/" + Version, pair.Value));
        Assert.False(string.IsNullOrEmpty(Version));
    }

    [Fact]
    public async Task A_configured_prefix_goes_in_front_of_ImageUpdater()
    {
        var seen = await RunAsync(prefix: "MyTool/2.0 (build 7)");

        Assert.Equal(4, seen.Count);
        Assert.All(seen, pair => Assert.Equal("MyTool/2.0 (build 7) ImageUpdater/" + Version, pair.Value));
    }

    [Theory]
    [InlineData("MyTool/2.0\r\nX-Injected: yes")]
    [InlineData("MyTool/2.0 (unclosed")]
    [InlineData("Outil/2.0 é")]
    [InlineData(" ")]
    public void An_invalid_prefix_is_refused_naming_the_key(string prefix)
    {
        using var services = TestServices.Create(configure: o => o.UserAgentPrefix = prefix);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RegistryClientOptions>>().Value);

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("RegistryClientOptions.UserAgentPrefix must be product tokens", failure, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, string>> RunAsync(string? prefix)
    {
        var agents = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var path = context.Request.Path.Value ?? string.Empty;
            agents.AddOrUpdate(path, context.Request.Headers.UserAgent.ToString(), (_, before) => before == context.Request.Headers.UserAgent.ToString() ? before : before + " | " + context.Request.Headers.UserAgent);
            if (path == "/token")
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync($$"""{"token":"{{Token}}","expires_in":300}""");
                return;
            }

            if (context.Request.Headers.Authorization != "Bearer " + Token)
            {
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"http://{context.Request.Host}/token\",service=\"test\"";
                return;
            }

            if (path.EndsWith("/tags/list", StringComparison.Ordinal))
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"name":"app","tags":["1.0"]}""");
                return;
            }

            context.Response.ContentType = "application/vnd.oci.image.manifest.v1+json";
            await context.Response.WriteAsync("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":2,"digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"},"layers":[]}""");
        });
        using var services = TestServices.Create(
            credentials: new FakeCredentialResolver((_, _) => new RegistryCredential("robot", "pass")),
            configure: o => o.UserAgentPrefix = prefix);
        var endpoint = TestServices.Endpoint(server.BaseUri, "env:ANY");
        var repository = new RegistryRepository(endpoint, "app", "env:ANY");
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(["1.0"], await services.GetRequiredService<IRegistryTagLister>().ListTagsAsync(repository, ct).ToListAsync(ct));
        await services.GetRequiredService<IRegistryManifestReader>().GetManifestAsync(repository, "1.0", ct);
        return new Dictionary<string, string>(agents, StringComparer.Ordinal);
    }
}
