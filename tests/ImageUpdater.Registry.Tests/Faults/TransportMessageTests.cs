using System.Net;
using System.Net.Sockets;
using ImageUpdater.Registry.Tests.Fixtures;
using ImageUpdater.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ImageUpdater.Registry.Tests.Faults;

/// <summary>Connection failures read as one cause, said once, with no "see inner exception".</summary>
public sealed class TransportMessageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Https_to_a_plain_http_registry_says_the_handshake_failed_and_suggests_http()
    {
        await using var server = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("{}"));
        var https = new UriBuilder(server.BaseUri) { Scheme = Uri.UriSchemeHttps }.Uri;

        var error = await Assert.ThrowsAsync<RegistryException>(() => ListAsync(https));

        Assert.Contains("TLS handshake failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("api_url should start with http://", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("inner exception", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task A_closed_port_names_the_refusal_once()
    {
        var error = await Assert.ThrowsAsync<RegistryException>(() => ListAsync(new Uri($"http://127.0.0.1:{ClosedPort()}")));

        var first = error.Message.IndexOf("Connection refused", StringComparison.Ordinal);
        Assert.True(first >= 0, error.Message);
        Assert.Equal(-1, error.Message.IndexOf("Connection refused", first + 1, StringComparison.Ordinal));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<List<string>> ListAsync(Uri baseUri)
    {
        using var services = TestServices.Create(configure: o => o.MaxRetries = 0);
        return await services.GetRequiredService<IRegistryTagLister>()
            .ListTagsAsync(new RegistryRepository(TestServices.Endpoint(baseUri), "app"), Ct)
            .ToListAsync(Ct);
    }
}
