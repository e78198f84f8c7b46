using ImageUpdater.Registry.Http;

namespace ImageUpdater.Registry.Tests.Unit;

public sealed class EndpointStateTests
{
    [Theory]
    [InlineData(1e12)]
    [InlineData(1e18)]
    [InlineData(9.2e18)]
    public void A_huge_limit_makes_a_state_that_does_not_slow_requests(double limit)
    {
        using var state = new EndpointState(Endpoint(limit), maxConcurrency: 4);

        if (state.Limiter is { } limiter)
        {
            using var lease = limiter.AttemptAcquire(1000);
            Assert.True(lease.IsAcquired);
        }
    }

    [Fact]
    public void An_ordinary_limit_makes_a_token_bucket()
    {
        using var state = new EndpointState(Endpoint(5), maxConcurrency: 4);

        var limiter = Assert.IsType<System.Threading.RateLimiting.TokenBucketRateLimiter>(state.Limiter);
        using var first = limiter.AttemptAcquire(5);
        using var sixth = limiter.AttemptAcquire(1);
        Assert.True(first.IsAcquired);
        Assert.False(sixth.IsAcquired);
    }

    private static RegistryEndpoint Endpoint(double limit) => new()
    {
        Name = "test",
        Prefix = "registry.example.com",
        ApiUrl = new Uri("https://registry.example.com"),
        RequestsPerSecond = limit,
    };
}
