using System.CommandLine;
using ImageUpdater.Cli.Commands;

namespace ImageUpdater.Cli;

/// <summary>The <c>image-updater</c> command line: parsing, dispatch and the exit-code contract.</summary>
internal static class ImageUpdaterCommandLine
{
    public static RootCommand CreateRootCommand(Stream standardInput)
    {
        var root = new RootCommand("ImageUpdater: keeps the container images of GitOps applications up to date.")
        {
            TestCommand.Create(standardInput),
            TemplateCommand.Create(),
            RunCommand.Create(),
        };
        return root;
    }

    /// <summary>Runs the command line. Exit codes: 0 success, 1 runtime failure, 2 invalid input.</summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, Stream input, CancellationToken cancellationToken = default)
    {
        var root = CreateRootCommand(input);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            await error.WriteLineAsync("error: " + parseResult.Errors[0].Message).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (CommandLineException failure)
        {
            await error.WriteLineAsync("error: " + failure.Message).ConfigureAwait(false);
            return failure.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("error: cancelled").ConfigureAwait(false);
            return ExitCodes.RuntimeFailure;
        }
    }
}
