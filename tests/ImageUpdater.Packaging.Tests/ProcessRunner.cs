using System.Diagnostics;
using System.Text;

namespace ImageUpdater.Packaging.Tests;

/// <summary>Runs a program to completion with a time limit, capturing what it prints.</summary>
internal static class ProcessRunner
{
    /// <summary>The <c>dotnet</c> that runs these tests (dotnet test sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    public static string DotNet { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
        ? host
        : "dotnet";

    /// <returns>The exit code, what the program wrote to standard output, and both its output streams interleaved (for messages).</returns>
    public static async Task<(int ExitCode, string Output, string All)> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No first-run banners or telemetry notices in the output that the tests read.
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var output = new StringBuilder();
        var all = new StringBuilder();
        var outputTask = CopyAsync(process.StandardOutput, output, all);
        var errorTask = CopyAsync(process.StandardError, null, all);
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} did not finish within {timeout}:\n{all}");
        }

        await Task.WhenAll(outputTask, errorTask);
        return (process.ExitCode, output.ToString(), all.ToString());
    }

    private static async Task CopyAsync(StreamReader reader, StringBuilder? into, StringBuilder all)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            into?.AppendLine(line);
            lock (all)
            {
                all.AppendLine(line);
            }
        }
    }
}
