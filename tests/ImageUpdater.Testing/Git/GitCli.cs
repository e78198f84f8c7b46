using System.Diagnostics;

namespace ImageUpdater.Testing;

/// <summary>Runs the real <c>git</c> for fixtures, with a fixed test identity (CI has no git user configured).</summary>
public static class GitCli
{
    public const string TestAuthorName = "Test Writer";
    public const string TestAuthorEmail = "writer@example.test";

    public static async Task<string> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_AUTHOR_NAME"] = TestAuthorName;
        start.Environment["GIT_AUTHOR_EMAIL"] = TestAuthorEmail;
        start.Environment["GIT_COMMITTER_NAME"] = TestAuthorName;
        start.Environment["GIT_COMMITTER_EMAIL"] = TestAuthorEmail;
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}");
    }
}
