using System.Diagnostics;
using System.Text;

namespace ImageUpdater.WriteBack.Git;

/// <summary>Runs git as a child process with an argument list (no shell), killing its whole tree on timeout or cancel.</summary>
internal sealed class ProcessGitRunner(string gitExecutable) : IGitRunner
{
    /// <summary>The most characters kept of each output stream; the rest is read and dropped.</summary>
    public const int MaxCapturedChars = 1024 * 1024;

    public async Task<GitProcessResult> RunAsync(GitInvocation invocation, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(gitExecutable)
        {
            WorkingDirectory = invocation.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in invocation.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Never ask on a terminal: a prompt would hang until the timeout.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        foreach (var (key, value) in invocation.Environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {gitExecutable}.");
        var output = ReadCappedAsync(process.StandardOutput);
        var error = ReadCappedAsync(process.StandardError);
        using var timeout = new CancellationTokenSource(invocation.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await WriteInputAsync(process, invocation.StandardInput, linked.Token).ConfigureAwait(false);
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return new GitProcessResult(-1, await output.ConfigureAwait(false), await error.ConfigureAwait(false), TimedOut: true);
        }

        return new GitProcessResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false), TimedOut: false);
    }

    private static async Task WriteInputAsync(Process process, ReadOnlyMemory<byte> input, CancellationToken cancellationToken)
    {
        try
        {
            if (!input.IsEmpty)
            {
                await process.StandardInput.BaseStream.WriteAsync(input, cancellationToken).ConfigureAwait(false);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // git exited before reading all its input; its exit code and message tell why.
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static async Task<string> ReadCappedAsync(StreamReader reader)
    {
        var text = new StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            text.Append(buffer, 0, Math.Min(read, MaxCapturedChars - text.Length));
        }

        return text.ToString();
    }
}
