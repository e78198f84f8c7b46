using ImageUpdater.Registry.Http;

namespace ImageUpdater.Registry.Tests.Unit;

public sealed class EndpointStateTests
{
    [Theory]
    [InlineData(1e12)]
    [InlineData(1e18)]
    [InlineData(9.2e18)]
    public void A_huge_limit_means_no_limiter(double limit)
    {
        using var state = new EndpointState(Endpoint(limit), maxConcurrency: 4, maxBearerTokens: 8);

        Assert.Null(state.Limiter);
    }

    [Fact]
    public void An_ordinary_limit_makes_a_token_bucket()
    {
        using var state = new EndpointState(Endpoint(5), maxConcurrency: 4, maxBearerTokens: 8);

        var limiter = Assert.IsType<System.Threading.RateLimiting.TokenBucketRateLimiter>(state.Limiter);
        using var first = limiter.AttemptAcquire(5);
        using var sixth = limiter.AttemptAcquire(1);
        Assert.True(first.IsAcquired);
        Assert.False(sixth.IsAcquired);
    }

    [Fact]
    public void A_bad_ca_file_is_read_again_once_it_is_fixed()
    {
        using var folder = new ImageUpdater.Testing.TemporaryFolder();
        var caFile = Path.Combine(folder.Path, "ca.pem");
        var endpoint = Endpoint(5) with { CaFile = caFile };
        using var states = new EndpointStates(Microsoft.Extensions.Options.Options.Create(new RegistryClientOptions()));

        Assert.Throws<ConfigurationException>(() => states.Get(endpoint));

        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=test ca", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(caFile, certificate.ExportCertificatePem());

        Assert.NotNull(states.Get(endpoint));
    }

    private static RegistryEndpoint Endpoint(double limit) => new()
    {
        Name = "test",
        Prefix = "registry.example.com",
        ApiUrl = new Uri("https://registry.example.com"),
        RequestsPerSecond = limit,
    };
}
