using ImageUpdater.Annotations.Manifests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Annotations.Tests;

public class DependencyInjectionTests
{
    [Fact]
    public void Registers_the_readers_once_and_applies_limits()
    {
        var services = new ServiceCollection();
        services.AddImageUpdater().AddAnnotationPolicies(o => o.MaxDepth = 7).AddAnnotationPolicies();
        Assert.Single(services, d => d.ServiceType == typeof(AnnotationPolicyReader));
        using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetRequiredService<ImageUpdaterPolicyResolver>());
        Assert.Equal(7, provider.GetRequiredService<IOptions<ManifestReaderOptions>>().Value.MaxDepth);
        var reader = provider.GetRequiredService<ManifestReader>();
        Assert.Contains("Nesting deeper than 7", reader.Read("kind: " + new string('[', 10) + new string(']', 10)).Errors[0].Message, StringComparison.Ordinal);
    }
}
