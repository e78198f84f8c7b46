using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImageUpdater.Registry.Tests.Fixtures;
using ImageUpdater.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ImageUpdater.Registry.Tests.Faults;

/// <summary>Per-registry TLS: a private CA through <c>ca_data</c> / <c>ca_file</c>, or <c>insecure</c>.</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private X509Certificate2 _certificate = null!;
    private LoopbackServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        _certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
        _server = await LoopbackServer.StartAsync(
            async context =>
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(context.Request.Path == "/v2/" ? "{}" : """{"tags":["secure"]}""");
            },
            _certificate);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _certificate.Dispose();
    }

    [Fact]
    public async Task An_untrusted_certificate_fails_without_a_status()
    {
        var error = await Assert.ThrowsAsync<RegistryException>(() => ListAsync(Endpoint()));

        Assert.Null(error.StatusCode);
        Assert.Contains(_server.BaseUri.Authority, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ca_data_trusts_a_private_ca() =>
        Assert.Equal(["secure"], await ListAsync(Endpoint() with { CaData = _certificate.ExportCertificatePem() }));

    [Fact]
    public async Task Ca_file_trusts_a_private_ca()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, _certificate.ExportCertificatePem(), TestContext.Current.CancellationToken);
            Assert.Equal(["secure"], await ListAsync(Endpoint() with { CaFile = file }));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Ca_data_trusts_a_server_certificate_signed_through_an_intermediate()
    {
        // One clock reading, and each certificate inside its issuer's validity, so the chain is valid by construction.
        var now = DateTimeOffset.UtcNow;
        using var rootKey = RSA.Create(2048);
        using var root = CaRequest("CN=test root", rootKey).CreateSelfSigned(now.AddDays(-3), now.AddDays(3));
        using var intermediateKey = RSA.Create(2048);
        using var intermediatePublic = CaRequest("CN=test intermediate", intermediateKey)
            .Create(root, now.AddDays(-2), now.AddDays(2), [1, 2, 3, 4]);
        using var intermediate = intermediatePublic.CopyWithPrivateKey(intermediateKey);
        using var leafKey = RSA.Create(2048);
        var leafRequest = new CertificateRequest("CN=127.0.0.1", leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        leafRequest.CertificateExtensions.Add(names.Build());
        using var leafPublic = leafRequest.Create(intermediate, now.AddDays(-1), now.AddDays(1), [5, 6, 7, 8]);
        using var leafWithKey = leafPublic.CopyWithPrivateKey(leafKey);
        using var leaf = X509CertificateLoader.LoadPkcs12(leafWithKey.Export(X509ContentType.Pfx), null);
        using var intermediateOnly = X509CertificateLoader.LoadCertificate(intermediate.Export(X509ContentType.Cert));
        await using var server = await LoopbackServer.StartAsync(
            async context =>
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(context.Request.Path == "/v2/" ? "{}" : """{"tags":["chained"]}""");
            },
            leaf,
            [intermediateOnly]);

        var endpoint = TestServices.Endpoint(server.BaseUri) with { CaData = root.ExportCertificatePem() };

        Assert.Equal(["chained"], await ListAsync(endpoint));
    }

    [Fact]
    public async Task Insecure_skips_verification() =>
        Assert.Equal(["secure"], await ListAsync(Endpoint() with { Insecure = true }));

    private RegistryEndpoint Endpoint() => TestServices.Endpoint(_server.BaseUri);

    private static CertificateRequest CaRequest(string subject, RSA key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request;
    }

    private static async Task<List<string>> ListAsync(RegistryEndpoint endpoint)
    {
        using var services = TestServices.Create(configure: o => o.MaxRetries = 1);
        return await services.GetRequiredService<IRegistryTagLister>()
            .ListTagsAsync(new RegistryRepository(endpoint, "app"), TestContext.Current.CancellationToken)
            .ToListAsync(TestContext.Current.CancellationToken);
    }
}
