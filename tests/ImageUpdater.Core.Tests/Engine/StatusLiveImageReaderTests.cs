using ImageUpdater.Applications;
using ImageUpdater.Engine;
using ImageUpdater.Policies;
using Microsoft.Extensions.DependencyInjection;

namespace ImageUpdater.Core.Tests.Engine;

public class StatusLiveImageReaderTests
{
    private static ApplicationUpdatePolicy Policy(params string[] liveImages) => new()
    {
        Application = new ArgoApplication { Name = "web", LiveImages = liveImages },
        Images = [],
        Source = new ApplicationSourceSelection(new ApplicationSource(), -1, ApplicationSourceType.Helm),
        Origin = "annotations",
    };

    [Fact]
    public async Task Reads_status_summary_images_and_drops_those_that_are_not_references()
    {
        var reader = new StatusLiveImageReader();
        var images = await reader.ReadAsync(
            Policy("ghcr.io/acme/web:1.2.3", "nginx", "Not A Reference", "", "redis:7@sha256:" + new string('a', 64)),
            TestContext.Current.CancellationToken);
        Assert.Equal(["ghcr.io/acme/web:1.2.3", "nginx", "redis:7@sha256:" + new string('a', 64)], images.Select(i => i.FullNameWithTag));
        Assert.Equal("ghcr.io", images[0].Registry);
    }

    [Fact]
    public void AddImageUpdater_registers_it_once_and_leaves_another_reader_in_place()
    {
        var services = new ServiceCollection();
        services.AddImageUpdater();
        services.AddImageUpdater();
        Assert.Equal(typeof(StatusLiveImageReader), Assert.Single(services, d => d.ServiceType == typeof(ILiveImageReader)).ImplementationType);

        var replaced = new ServiceCollection();
        replaced.AddSingleton<ILiveImageReader, OtherReader>();
        replaced.AddImageUpdater();
        Assert.Equal(typeof(OtherReader), Assert.Single(replaced, d => d.ServiceType == typeof(ILiveImageReader)).ImplementationType);
    }

    private sealed class OtherReader : ILiveImageReader
    {
        public ValueTask<IReadOnlyList<ImageReference>> ReadAsync(ApplicationUpdatePolicy policy, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<ImageReference>>([]);
    }
}
