using ImageUpdater.Testing;

namespace ImageUpdater.WriteBack.Git.Tests;

public sealed class GitWorkspacesTests
{
    private static readonly Dictionary<string, string> Seed = new() { ["a.yaml"] = "a: 1\n" };

    [Fact]
    public async Task Cleaning_deletes_the_folders_of_repositories_no_longer_used_but_not_one_in_use()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        using var git = new GitHarness();
        var kept = new GitTarget(repo.Path, "main");
        var dropped = new GitTarget(repo.Path, "main", "image-updater-x");
        var busy = new GitTarget(repo.FileUrl, "main");
        await git.RunAsync(kept, GitHarness.Write("a.yaml", "a: 2\n", "kept"));
        await git.RunAsync(dropped, GitHarness.Write("a.yaml", "a: 3\n", "dropped"));
        await using (var inUse = await git.Workspaces.OpenAsync(busy, TestContext.Current.CancellationToken))
        {
            await inUse.PrepareAsync(TestContext.Current.CancellationToken);

            var deleted = await git.Workspaces.CleanUnusedAsync([kept], TestContext.Current.CancellationToken);

            Assert.Equal(1, deleted);
            Assert.True(Directory.Exists(inUse.CheckoutPath));
        }

        Assert.Equal(
            new[] { kept.FolderName, busy.FolderName }.Order(StringComparer.Ordinal),
            Directory.GetDirectories(git.WorkRoot).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task One_repository_and_branch_is_used_by_one_caller_at_a_time()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        using var git = new GitHarness();
        var target = new GitTarget(repo.Path, "main");

        var first = await git.Workspaces.OpenAsync(target, TestContext.Current.CancellationToken);
        var second = git.Workspaces.OpenAsync(target with { }, TestContext.Current.CancellationToken);
        var other = await git.Workspaces.OpenAsync(new GitTarget(repo.Path, "other"), TestContext.Current.CancellationToken);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        await (await second).DisposeAsync();
        await other.DisposeAsync();
    }

    [Fact]
    public async Task Locks_are_forgotten_once_nobody_holds_or_waits_for_them()
    {
        var locks = new KeyedLocks();
        var a = await locks.AcquireAsync("a", TestContext.Current.CancellationToken);
        var waiting = locks.AcquireAsync("a", TestContext.Current.CancellationToken);
        Assert.Null(locks.TryAcquire("a"));
        using (var b = locks.TryAcquire("b"))
        {
            Assert.NotNull(b);
            Assert.Equal(2, locks.Count);
        }

        a.Dispose();
        (await waiting).Dispose();

        Assert.Equal(0, locks.Count);
    }

    [Fact]
    public void Folder_names_depend_on_url_and_branches_only()
    {
        var target = new GitTarget("https://example.test/r.git", "main");
        Assert.Equal(target.FolderName, (target with { Credentials = GitCredentials.Https("u", "p") }).FolderName);
        Assert.NotEqual(target.FolderName, (target with { WriteBranch = "w" }).FolderName);
        Assert.Equal(new GitTarget("u", null).FolderName, new GitTarget("u", "HEAD").FolderName);
        Assert.Matches("^[0-9a-f]{32}$", target.FolderName);
    }
}
