using System.Text;
using ImageUpdater.Cli;

namespace ImageUpdater.Cli.Tests;

/// <summary>Runs the command line in-process and captures what it prints.</summary>
internal static class CommandLineRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunWithInputAsync(byte[] standardInput, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new MemoryStream(standardInput, writable: false);
        var exitCode = await ImageUpdaterCommandLine.InvokeAsync(args, output, error, input, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }

    public static Task<(int ExitCode, string Output, string Error)> RunWithInputAsync(string standardInput, params string[] args) =>
        RunWithInputAsync(Encoding.UTF8.GetBytes(standardInput), args);

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunWithInputAsync([], args);
}
