using ImageUpdater.Applications;
using ImageUpdater.Engine;
using ImageUpdater.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageUpdater.WriteBack.Git.Tests.Applications;

public sealed class FileApplicationStoreTests : IDisposable
{
    private static readonly ApplicationSource NewSource = new()
    {
        Helm = new HelmSource { Parameters = [new("replicas", "2"), new("image.tag", "1.1", true), new("image.name", "ghcr.io/acme/web", true)] },
    };

    private readonly TemporaryFolder _folder = new("app-store-");
    private readonly ServiceProvider _services;

    public FileApplicationStoreTests()
    {
        Directory.CreateDirectory(AppsFolder);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Applications", "golden", "helm-parameters.input.yaml"), AppFile);
        var services = new ServiceCollection();
        services.AddImageUpdater()
            .AddAnnotationPolicies()
            .AddGitWriteBack(o => (o.AuthorName, o.AuthorEmail) = ("Store Author", "store@example.test"))
            .AddFileApplicationStore(o => o.Directory = AppsFolder);
        _services = services.BuildServiceProvider();
    }

    private string AppsFolder => Path.Combine(_folder.Path, "apps");

    private string AppFile => Path.Combine(AppsFolder, "shop.yaml");

    private IApplicationStore Store => _services.GetRequiredService<IApplicationStore>();

    private static ArgoApplication Cycle => new() { Name = "shop", Namespace = "argocd", Location = new ConfigurationLocation("shop.yaml", 1) };

    public void Dispose()
    {
        _services.Dispose();
        _folder.Dispose();
    }

    private async Task<ApplicationStoreResult> ReplaceAsync(ArgoApplication read) =>
        await Store.ReplaceSourceAsync(new ApplicationSourceReplacement { Application = read, SourceIndex = -1, Source = NewSource, Description = "updates image acme/web tag '1.0' to '1.1'\n" }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_file_outside_git_is_written_in_place_and_read_back_with_the_new_parameters()
    {
        var read = await Store.ReadAsync(Cycle, TestContext.Current.CancellationToken);

        var result = await ReplaceAsync(read);

        Assert.Equal(ApplicationStoreOutcome.Updated, result.Outcome);
        Assert.Equal("shop.yaml written", result.Detail);
        Assert.Equal(ApplicationFileEditorTests.Golden("helm-parameters.golden.yaml"), File.ReadAllText(AppFile));
        var again = await Store.ReadAsync(Cycle, TestContext.Current.CancellationToken);
        Assert.Equal(NewSource.Helm!.Parameters, again.Source!.Helm!.Parameters);
        Assert.NotEqual(read.Version, again.Version);
    }

    [Fact]
    public async Task A_file_in_a_git_work_tree_is_committed_alone_with_the_reference_message_and_the_configured_author()
    {
        await GitCli.RunAsync(_folder.Path, "init", "-q", "-b", "main");
        await GitCli.RunAsync(_folder.Path, "add", "apps/shop.yaml");
        await GitCli.RunAsync(_folder.Path, "commit", "-q", "-m", "initial");
        File.WriteAllText(Path.Combine(_folder.Path, "staged.txt"), "not mine");
        await GitCli.RunAsync(_folder.Path, "add", "staged.txt");
        var read = await Store.ReadAsync(Cycle, TestContext.Current.CancellationToken);

        var result = await ReplaceAsync(read);

        Assert.Equal(ApplicationStoreOutcome.Updated, result.Outcome);
        var head = (await GitCli.RunAsync(_folder.Path, "rev-parse", "HEAD")).Trim();
        Assert.Equal($"shop.yaml committed as {head}", result.Detail);
        Assert.Equal(
            "Store Author <store@example.test>\nbuild: automatic update of shop\n\nupdates image acme/web tag '1.0' to '1.1'\n",
            (await GitCli.RunAsync(_folder.Path, "log", "-1", "--format=%an <%ae>%n%B")).TrimEnd('\n') + "\n");
        Assert.Equal("apps/shop.yaml\n", await GitCli.RunAsync(_folder.Path, "show", "--name-only", "--format=", "HEAD"));
        Assert.Equal("A  staged.txt\n", await GitCli.RunAsync(_folder.Path, "status", "--porcelain"));
        Assert.Equal(ApplicationFileEditorTests.Golden("helm-parameters.golden.yaml"), await GitCli.RunAsync(_folder.Path, "show", "HEAD:apps/shop.yaml"));
    }

    [Fact]
    public async Task A_file_changed_since_it_was_read_is_a_conflict_and_stays_as_the_other_writer_left_it()
    {
        var read = await Store.ReadAsync(Cycle, TestContext.Current.CancellationToken);
        var theirs = File.ReadAllText(AppFile) + "# edited by someone else\n";
        File.WriteAllText(AppFile, theirs);

        var result = await ReplaceAsync(read);

        Assert.Equal(ApplicationStoreOutcome.Conflict, result.Outcome);
        Assert.Equal("shop.yaml changed since Application argocd/shop was read.", result.Detail);
        Assert.Equal(theirs, File.ReadAllText(AppFile));
        Assert.Equal(ApplicationStoreOutcome.Updated, (await ReplaceAsync(await Store.ReadAsync(Cycle, TestContext.Current.CancellationToken))).Outcome);
    }

    [Fact]
    public async Task An_application_no_longer_in_its_file_cannot_be_read_and_the_message_names_the_file()
    {
        var error = await Assert.ThrowsAsync<ImageUpdaterException>(async () => await Store.ReadAsync(Cycle with { Name = "gone" }, TestContext.Current.CancellationToken));

        Assert.Equal("shop.yaml: cannot read Application argocd/gone, the file holds 0 of it", error.Message);
    }
}
