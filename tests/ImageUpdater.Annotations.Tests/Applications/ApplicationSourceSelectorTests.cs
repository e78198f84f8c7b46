using ImageUpdater.Applications;

namespace ImageUpdater.Annotations.Tests.Applications;

public class ApplicationSourceSelectorTests
{
    private static readonly ApplicationSource Plain = new() { RepositoryUrl = "r0", Path = "plain" };
    private static readonly ApplicationSource WithHelm = new() { RepositoryUrl = "r1", Path = "chart", Helm = new HelmSource() };
    private static readonly ApplicationSource WithKustomize = new() { RepositoryUrl = "r2", Path = "kust", Kustomize = new KustomizeSource() };

    [Fact]
    public void Single_source_uses_the_reported_type()
    {
        var app = new ArgoApplication { Name = "a", Source = Plain, SourceType = "Kustomize" };
        var selection = ApplicationSourceSelector.Select(app)!;
        Assert.Same(Plain, selection.Source);
        Assert.Equal(-1, selection.Index);
        Assert.Equal(ApplicationSourceType.Kustomize, selection.Type);
    }

    [Fact]
    public void Single_source_without_status_infers_the_type_from_its_blocks()
    {
        Assert.Equal(ApplicationSourceType.Helm, ApplicationSourceSelector.Select(new ArgoApplication { Name = "a", Source = Plain with { Chart = "nginx" } })!.Type);
        Assert.Equal(ApplicationSourceType.Kustomize, ApplicationSourceSelector.Select(new ArgoApplication { Name = "a", Source = WithKustomize })!.Type);
        Assert.Equal(ApplicationSourceType.Unsupported, ApplicationSourceSelector.Select(new ArgoApplication { Name = "a", Source = Plain })!.Type);
    }

    [Fact]
    public void Reported_directory_type_is_unsupported()
    {
        var app = new ArgoApplication { Name = "a", Source = WithHelm, SourceType = "Directory" };
        Assert.Equal(ApplicationSourceType.Unsupported, ApplicationSourceSelector.Select(app)!.Type);
    }

    [Fact]
    public void Multi_source_prefers_the_explicit_block_of_the_reported_type()
    {
        var app = new ArgoApplication { Name = "a", Sources = [Plain, WithKustomize, WithHelm], SourceTypes = ["Directory", "Helm", "Kustomize"] };
        var selection = ApplicationSourceSelector.Select(app)!;
        Assert.Equal(ApplicationSourceType.Helm, selection.Type);
        Assert.Equal(2, selection.Index);
    }

    [Fact]
    public void Multi_source_falls_back_to_the_index_of_the_reported_type()
    {
        var app = new ArgoApplication { Name = "a", Sources = [Plain, Plain with { Path = "chart" }], SourceTypes = ["Directory", "Helm"] };
        var selection = ApplicationSourceSelector.Select(app)!;
        Assert.Equal(1, selection.Index);
        Assert.Equal(ApplicationSourceType.Helm, selection.Type);
    }

    [Fact]
    public void Multi_source_without_status_takes_the_first_source_with_a_block_then_the_first_source()
    {
        var app = new ArgoApplication { Name = "a", Sources = [Plain, WithKustomize, WithHelm] };
        var selection = ApplicationSourceSelector.Select(app)!;
        Assert.Equal(1, selection.Index);
        Assert.Equal(ApplicationSourceType.Kustomize, selection.Type);

        var bare = new ArgoApplication { Name = "a", Sources = [Plain, Plain with { Path = "x" }] };
        Assert.Equal(0, ApplicationSourceSelector.Select(bare)!.Index);
    }

    [Fact]
    public void A_forced_type_wins_over_the_status()
    {
        var app = new ArgoApplication { Name = "a", Sources = [WithHelm, WithKustomize], SourceTypes = ["Helm", "Kustomize"] };
        var selection = ApplicationSourceSelector.Select(app, ApplicationSourceType.Kustomize)!;
        Assert.Equal(1, selection.Index);
        Assert.Equal(ApplicationSourceType.Kustomize, selection.Type);
    }

    [Fact]
    public void No_source_gives_no_selection() =>
        Assert.Null(ApplicationSourceSelector.Select(new ArgoApplication { Name = "a" }));
}
