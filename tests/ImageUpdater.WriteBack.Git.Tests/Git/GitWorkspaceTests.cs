using ImageUpdater.Testing;

namespace ImageUpdater.WriteBack.Git.Tests;

public sealed class GitWorkspaceTests
{
    private static readonly Dictionary<string, string> Seed = new()
    {
        ["apps/a/values.yaml"] = "image: a:1\n",
        ["apps/b/values.yaml"] = "image: b:1\n",
        ["README.md"] = "seed\n",
    };

    [Fact]
    public async Task Commits_once_per_changed_application_and_pushes_them_together()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        using var git = new GitHarness();
        var seedTip = await repo.TipAsync("main");

        var results = await git.RunAsync(
            new GitTarget(repo.Path, "main"),
            GitHarness.Write("apps/a/values.yaml", "image: a:2\n", "build: automatic update of a"),
            GitHarness.Write("apps/b/values.yaml", "image: b:1\n", "build: automatic update of b"),
            GitHarness.Write("apps/c/.argocd-source-c.yaml", "helm: {}\n", "build: automatic update of c"));

        Assert.Equal([CommitOutcome.Committed, CommitOutcome.NoChange, CommitOutcome.Committed], results.Select(r => r.Outcome));
        var commits = await repo.CommitsAsync("main");
        Assert.Equal(3, commits.Count);
        Assert.Equal(["build: automatic update of c", "build: automatic update of a", "seed"], commits.Select(c => c.Message));
        Assert.Equal([results[2].Sha, results[0].Sha, seedTip], commits.Select(c => c.Sha));
        Assert.All(commits.Take(2), c =>
        {
            Assert.Equal(("App Author", "app@example.test"), (c.AuthorName, c.AuthorEmail));
            Assert.Equal(("argocd-image-updater", "noreply@argoproj.io"), (c.CommitterName, c.CommitterEmail));
        });
        Assert.Equal("image: a:2\n", await repo.ReadFileAsync("main", "apps/a/values.yaml"));
        Assert.Equal("helm: {}\n", await repo.ReadFileAsync("main", "apps/c/.argocd-source-c.yaml"));
    }

    [Fact]
    public async Task Nothing_to_change_pushes_nothing()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        using var git = new GitHarness();
        var tip = await repo.TipAsync("main");

        var results = await git.RunAsync(new GitTarget(repo.Path, "main"), GitHarness.Write("README.md", "seed\n", "same"));

        Assert.Equal(CommitOutcome.NoChange, Assert.Single(results).Outcome);
        Assert.Equal(tip, await repo.TipAsync("main"));
    }

    [Fact]
    public async Task A_deleted_file_is_removed_in_the_commit()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        using var git = new GitHarness();

        var results = await git.RunAsync(new GitTarget(repo.FileUrl, "main"), GitHarness.Write("README.md", null, "drop readme"));

        Assert.Equal(CommitOutcome.Committed, Assert.Single(results).Outcome);
        Assert.Null(await repo.ReadFileAsync("main", "README.md"));
        Assert.Equal("image: a:1\n", await repo.ReadFileAsync("main", "apps/a/values.yaml"));
    }

    [Fact]
    public async Task Reuses_the_work_folder_and_drops_what_a_previous_cycle_left_behind()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        using var git = new GitHarness();
        var target = new GitTarget(repo.Path, "main");
        await git.RunAsync(target, GitHarness.Write("apps/a/values.yaml", "image: a:2\n", "first"));
        var folder = Assert.Single(Directory.GetDirectories(git.WorkRoot));
        var marker = Path.Combine(folder, ".git", "reused-marker");
        await File.WriteAllTextAsync(marker, "x", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "leftover.txt"), "junk", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "README.md"), "half-written", TestContext.Current.CancellationToken);
        await repo.CommitAsync("main", new Dictionary<string, string?> { ["apps/b/values.yaml"] = "image: b:9\n" }, "someone else");

        var results = await git.RunAsync(target, GitHarness.Write("apps/a/values.yaml", "image: a:3\n", "second"));

        Assert.Equal(CommitOutcome.Committed, Assert.Single(results).Outcome);
        Assert.True(File.Exists(marker), "the work folder was cloned again instead of fetched");
        Assert.False(File.Exists(Path.Combine(folder, "leftover.txt")));
        Assert.Equal(["second", "someone else", "first", "seed"], (await repo.CommitsAsync("main")).Select(c => c.Message));
        Assert.Equal("seed\n", await repo.ReadFileAsync("main", "README.md"));
        Assert.Equal("image: b:9\n", await repo.ReadFileAsync("main", "apps/b/values.yaml"));
    }

    [Fact]
    public async Task Another_writer_pushing_between_fetch_and_push_is_kept_and_our_change_lands_on_top()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        using var git = new GitHarness();
        var applies = 0;
        var theirs = string.Empty;

        var results = await git.RunAsync(
            new GitTarget(repo.Path, "main"),
            GitHarness.Write("apps/a/values.yaml", "image: a:2\n", "ours", onApply: () =>
            {
                if (++applies == 1)
                {
                    theirs = repo.CommitAsync("main", new Dictionary<string, string?> { ["apps/b/values.yaml"] = "image: b:7\n" }, "theirs").GetAwaiter().GetResult();
                }
            }));

        Assert.Equal(2, applies);
        Assert.Equal(CommitOutcome.Committed, Assert.Single(results).Outcome);
        var commits = await repo.CommitsAsync("main");
        Assert.Equal(["ours", "theirs", "seed"], commits.Select(c => c.Message));
        Assert.Equal([theirs], commits[0].Parents);
        Assert.Equal("image: b:7\n", await repo.ReadFileAsync("main", "apps/b/values.yaml"));
        Assert.Equal("image: a:2\n", await repo.ReadFileAsync("main", "apps/a/values.yaml"));
    }

    [Fact]
    public async Task A_remote_that_keeps_moving_fails_after_the_retries_without_losing_the_other_writers_commits()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        using var git = new GitHarness(o => o.PushRetries = 1);
        var applies = 0;

        var results = await git.RunAsync(
            new GitTarget(repo.Path, "main"),
            GitHarness.Write("apps/a/values.yaml", "image: a:2\n", "ours", onApply: () =>
                repo.CommitAsync("main", new Dictionary<string, string?> { ["other.txt"] = $"{++applies}\n" }, $"theirs {applies}").GetAwaiter().GetResult()));

        var failure = Assert.Single(results);
        Assert.Equal(CommitOutcome.Failed, failure.Outcome);
        Assert.Contains(repo.Path, failure.Error, StringComparison.Ordinal);
        Assert.Contains("branch main", failure.Error, StringComparison.Ordinal);
        Assert.Contains("rejected 2 times", failure.Error, StringComparison.Ordinal);
        Assert.Contains("refs/heads/main\t[rejected] (fetch first)", failure.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", failure.Error, StringComparison.Ordinal);
        Assert.Equal(["theirs 2", "theirs 1", "seed"], (await repo.CommitsAsync("main")).Select(c => c.Message));
    }

    [Fact]
    public async Task A_crash_between_commit_and_push_loses_nothing_the_next_cycle_lands_the_change()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        using var crashing = new CancellationTokenSource();
        using var git = new GitHarness(decorate: inner => new CrashBeforePush(inner, crashing));
        var target = new GitTarget(repo.Path, "main");
        var change = GitHarness.Write("apps/a/values.yaml", "image: a:2\n", "ours");

        await using (var workspace = await git.Workspaces.OpenAsync(target, TestContext.Current.CancellationToken))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => workspace.CommitAndPushAsync([change], crashing.Token));
            var local = await GitCli.RunAsync(workspace.CheckoutPath, "log", "--format=%s", "-1", "HEAD");
            Assert.Equal("ours", local.Trim());
        }

        Assert.Equal(["seed"], (await repo.CommitsAsync("main")).Select(c => c.Message));

        var results = await git.RunAsync(target, change);

        Assert.Equal(CommitOutcome.Committed, Assert.Single(results).Outcome);
        Assert.Equal(["ours", "seed"], (await repo.CommitsAsync("main")).Select(c => c.Message));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("HEAD")]
    public async Task HEAD_or_no_branch_means_the_remotes_default_branch(string? branch)
    {
        using var repo = await BareRepository.CreateAsync(Seed, defaultBranch: "trunk");
        using var git = new GitHarness();

        var results = await git.RunAsync(new GitTarget(repo.FileUrl, branch), GitHarness.Write("README.md", "changed\n", "on trunk"));

        Assert.Equal(CommitOutcome.Committed, Assert.Single(results).Outcome);
        Assert.Equal("changed\n", await repo.ReadFileAsync("trunk", "README.md"));
    }

    [Fact]
    public async Task A_write_branch_is_built_from_the_base_and_replaced_on_the_next_cycle()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        using var git = new GitHarness();
        var target = new GitTarget(repo.Path, "main", "image-updater-a");
        var baseTip = await repo.TipAsync("main");

        await git.RunAsync(target, GitHarness.Write("apps/a/values.yaml", "image: a:2\n", "to 2"));
        await repo.CommitAsync("main", new Dictionary<string, string?> { ["README.md"] = "moved\n" }, "base moved");
        var results = await git.RunAsync(target, GitHarness.Write("apps/a/values.yaml", "image: a:3\n", "to 3"));

        Assert.Equal(CommitOutcome.Committed, Assert.Single(results).Outcome);
        Assert.Equal(["to 3", "base moved", "seed"], (await repo.CommitsAsync("image-updater-a")).Select(c => c.Message));
        Assert.Equal("image: a:1\n", await repo.ReadFileAsync("main", "apps/a/values.yaml"));
        Assert.NotEqual(baseTip, await repo.TipAsync("main"));
    }

    [Fact]
    public async Task The_base_branch_is_never_force_pushed()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        using var git = new GitHarness(o => o.PushRetries = 0);
        var target = new GitTarget(repo.Path, "main");
        var theirs = string.Empty;

        var results = await git.RunAsync(target, GitHarness.Write("README.md", "ours\n", "ours", onApply: () =>
            theirs = repo.CommitAsync("main", new Dictionary<string, string?> { ["README.md"] = "theirs\n" }, "theirs").GetAwaiter().GetResult()));

        Assert.Equal(CommitOutcome.Failed, Assert.Single(results).Outcome);
        Assert.Equal(theirs, await repo.TipAsync("main"));
    }

    [Fact]
    public async Task A_missing_branch_fails_with_the_repository_the_branch_and_gits_message()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        using var git = new GitHarness();

        var results = await git.RunAsync(new GitTarget(repo.Path, "no-such-branch"), GitHarness.Write("README.md", "x\n", "x"));

        var error = Assert.Single(results).Error;
        Assert.StartsWith($"git clone failed for repository {repo.Path}, branch no-such-branch: ", error, StringComparison.Ordinal);
        Assert.Contains("Remote branch no-such-branch not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_git_command_that_runs_too_long_is_killed_and_reported_as_a_timeout()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        using var scripts = new TemporaryFolder();
        var slowGit = FakeGit.Write(scripts, "sleep 30");
        using var git = new GitHarness(o =>
        {
            o.GitExecutable = slowGit;
            o.CommandTimeout = TimeSpan.FromMilliseconds(300);
        });
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var results = await git.RunAsync(new GitTarget(repo.Path, "main"), GitHarness.Write("README.md", "x\n", "x"));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Equal($"git clone failed for repository {repo.Path}, branch main: timed out after 00:00:00.3000000", Assert.Single(results).Error);
    }
}
