using ImageUpdater.Registry.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Registry.Tests.Unit;

public sealed class RegistrationTests
{
    [Fact]
    public void Invalid_options_are_refused_naming_each_key()
    {
        using var services = TestServices.Create(configure: o =>
        {
            o.MaxRetries = -1;
            o.MaxManifestBytes = 0;
            o.AttemptTimeout = TimeSpan.Zero;
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RegistryClientOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("MaxRetries", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("MaxManifestBytes", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("AttemptTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void Cache_capacities_below_one_are_refused_naming_each_key()
    {
        using var services = TestServices.Create(configure: o =>
        {
            o.MaxCacheEntries = 0;
            o.MaxBearerTokensPerRegistry = 0;
            o.MaxInferredEndpoints = -1;
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RegistryClientOptions>>().Value);

        Assert.Equal(
            [
                "RegistryClientOptions.MaxCacheEntries must be positive (was 0).",
                "RegistryClientOptions.MaxBearerTokensPerRegistry must be positive (was 0).",
                "RegistryClientOptions.MaxInferredEndpoints must be positive (was -1).",
            ],
            error.Failures);
    }

    [Fact]
    public void Adding_twice_registers_each_service_once()
    {
        var services = new ServiceCollection();
        services.AddImageUpdater().AddRegistryClient().AddRegistryClient();

        Assert.Single(services, d => d.ServiceType == typeof(IRegistryPassFactory));
        Assert.Single(services, d => d.ServiceType == typeof(IRegistryTagLister));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<RegistryClientOptions>));
    }

    [Fact]
    public async Task A_replaced_reader_is_used_by_the_passes()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IRegistryTagLister>(new FixedTags("9.9"));
        services.AddImageUpdater().AddRegistryClient();
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IRegistryPassFactory>().BeginPass().GetCandidatesAsync(
            new TagCandidateRequest { Image = ImageReference.Parse("example.test/app"), Endpoint = TestServices.Endpoint(new Uri("https://example.test")) },
            TestContext.Current.CancellationToken);

        Assert.Equal(["9.9"], result.Tags.Select(t => t.Name));
    }

    [Fact]
    public void A_missing_ca_file_is_a_configuration_error_naming_the_registry_and_key()
    {
        var endpoint = TestServices.Endpoint(new Uri("https://example.test")) with { Name = "corp", CaFile = "/nonexistent/ca.pem" };

        var error = Assert.Throws<ConfigurationException>(() => Http.EndpointTls.Load(endpoint));

        Assert.Contains("registry 'corp'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ca_file", error.Message, StringComparison.Ordinal);
    }

    private sealed class FixedTags(params string[] tags) : IRegistryTagLister
    {
        public async IAsyncEnumerable<string> ListTagsAsync(RegistryRepository repository, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var tag in tags)
            {
                await Task.Yield();
                yield return tag;
            }
        }
    }
}
