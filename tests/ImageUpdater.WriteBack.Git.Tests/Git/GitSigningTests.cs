using ImageUpdater.Testing;

namespace ImageUpdater.WriteBack.Git.Tests;

public sealed class GitSigningTests
{
    private static readonly Dictionary<string, string> Seed = new() { ["a.yaml"] = "a: 1\n", ["b.yaml"] = "b: 1\n" };

    [Fact]
    public async Task Sign_off_adds_the_committers_trailer_to_each_commit()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        using var git = new GitHarness(o => o.SignOff = true);

        var results = await git.RunAsync(
            new GitTarget(repo.Path, "main"),
            GitHarness.Write("a.yaml", "a: 2\n", "update a"),
            GitHarness.Write("b.yaml", "b: 1\n", "update b"));

        Assert.Equal([CommitOutcome.Committed, CommitOutcome.NoChange], results.Select(r => r.Outcome));
        var commit = (await repo.CommitsAsync("main"))[0];
        Assert.Equal(results[0].Sha, commit.Sha);
        Assert.Equal("update a\n\nSigned-off-by: argocd-image-updater <noreply@argoproj.io>", commit.Message);
        Assert.Equal(("App Author", "argocd-image-updater"), (commit.AuthorName, commit.CommitterName));
    }

    [Fact]
    public async Task Ssh_signing_signs_every_commit_with_the_configured_key()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        using var keys = new TemporaryFolder();
        var key = Path.Combine(keys.Path, "signing");
        await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "signer", "-f", key);
        using var git = new GitHarness(o =>
        {
            o.SigningMethod = GitSigningMethod.Ssh;
            o.SigningKey = key;
        });

        var results = await git.RunAsync(
            new GitTarget(repo.Path, "main"),
            GitHarness.Write("a.yaml", "a: 2\n", "update a"),
            GitHarness.Write("b.yaml", "b: 2\n", "update b"));

        Assert.All(results, r => Assert.Equal(CommitOutcome.Committed, r.Outcome));
        foreach (var result in results)
        {
            Assert.Contains("-----BEGIN SSH SIGNATURE-----", await repo.ReadCommitObjectAsync(result.Sha!), StringComparison.Ordinal);
        }
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
    }
}
