using System.Diagnostics;

namespace ImageUpdater.Cli.Tests.Face;

/// <summary>
/// Runs the built <c>image-updater</c> as a separate process, for what only a real process shows: the console
/// logger's JSON lines, the demo script.
/// </summary>
internal static class CliProcess
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The CLI built with the same configuration as these tests (artifacts/bin/ImageUpdater.Cli/&lt;config&gt;).</summary>
    public static string CliDll { get; } = Path.Combine(
        RepositoryRoot, "artifacts", "bin", "ImageUpdater.Cli", new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name, "image-updater.dll");

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout ?? TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in time: {await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    public static Task<(int ExitCode, string Output, string Error)> RunCliAsync(params string[] arguments) =>
        RunAsync("dotnet", [CliDll, .. arguments]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ImageUpdater.Core.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("ImageUpdater.Core.sln not found above " + AppContext.BaseDirectory);
    }
}
