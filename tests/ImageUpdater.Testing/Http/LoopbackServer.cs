using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImageUpdater.Testing;

/// <summary>A Kestrel server on 127.0.0.1 and a free port whose every request is answered by one delegate.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public string Authority => BaseUri.Authority;

    /// <summary>Starts the server; with a certificate it serves HTTPS, sending <paramref name="chain"/> as intermediates.</summary>
    public static async Task<LoopbackServer> StartAsync(
        RequestDelegate handler,
        System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null,
        System.Security.Cryptography.X509Certificates.X509Certificate2Collection? chain = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(new Microsoft.AspNetCore.Server.Kestrel.Https.HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificate,
                    ServerCertificateChain = chain,
                });
            }
        }));
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var address = app.Urls.First();
        return new LoopbackServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
