using ImageUpdater.Testing;

namespace ImageUpdater.WriteBack.Git.Tests;

public sealed class ProcessGitRunnerTests
{
    [Fact]
    public async Task A_timeout_kills_the_whole_process_tree()
    {
        using var folder = new TemporaryFolder();
        var pidFile = Path.Combine(folder.Path, "child.pid");
        var git = FakeGit.Write(folder, $"sleep 30 &\necho $! > '{pidFile}'\nwait");
        var runner = new ProcessGitRunner(git);

        var result = await runner.RunAsync(new GitInvocation(["fetch"], folder.Path, TimeSpan.FromMilliseconds(500)), TestContext.Current.CancellationToken);

        Assert.True(result.TimedOut);
        Assert.False(result.Succeeded);
        var child = int.Parse(await File.ReadAllTextAsync(pidFile, TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        await WaitUntilGoneAsync(child);
    }

    [Fact]
    public async Task Cancellation_kills_git_and_throws()
    {
        using var folder = new TemporaryFolder();
        var git = FakeGit.Write(folder, "sleep 30");
        var runner = new ProcessGitRunner(git);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(new GitInvocation(["fetch"], folder.Path, TimeSpan.FromMinutes(1)), cancel.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Arguments_input_and_environment_reach_git_unchanged_and_output_is_captured()
    {
        using var folder = new TemporaryFolder();
        var git = FakeGit.Write(folder, "printf '%s|' \"$@\"; printf '%s|' \"$EXTRA\"; cat; echo oops >&2; exit 3");
        var runner = new ProcessGitRunner(git);
        var invocation = new GitInvocation(["commit", "-m", "two words; $(rm -rf /)", ""], folder.Path, TimeSpan.FromMinutes(1))
        {
            Environment = new Dictionary<string, string> { ["EXTRA"] = "x y" },
            StandardInput = "from stdin"u8.ToArray(),
        };

        var result = await runner.RunAsync(invocation, TestContext.Current.CancellationToken);

        Assert.Equal(new GitProcessResult(3, "commit|-m|two words; $(rm -rf /)||x y|from stdin", "oops\n", TimedOut: false), result);
        Assert.Equal("commit", invocation.Subcommand);
    }

    [Fact]
    public async Task Captured_output_is_capped()
    {
        using var folder = new TemporaryFolder();
        var git = FakeGit.Write(folder, "head -c 3000000 /dev/zero | tr '\\0' a");
        var runner = new ProcessGitRunner(git);

        var result = await runner.RunAsync(new GitInvocation(["log"], folder.Path, TimeSpan.FromMinutes(1)), TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(ProcessGitRunner.MaxCapturedChars, result.StandardOutput.Length);
    }

    [Theory]
    [InlineData(new[] { "-c", "credential.helper=", "push", "origin" }, "push")]
    [InlineData(new[] { "--literal-pathspecs", "ls-tree" }, "ls-tree")]
    public void The_subcommand_skips_options(string[] arguments, string expected) =>
        Assert.Equal(expected, new GitInvocation(arguments, "/", TimeSpan.FromSeconds(1)).Subcommand);

    private static async Task WaitUntilGoneAsync(int pid)
    {
        for (var i = 0; i < 100 && Directory.Exists($"/proc/{pid}"); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.False(Directory.Exists($"/proc/{pid}"), $"child {pid} of the timed-out git is still running");
    }
}
