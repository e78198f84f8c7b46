using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using ImageUpdater.Cli.Commands;
using ImageUpdater.Cli.Logging;
using Spectre.Console;

namespace ImageUpdater.Cli;

/// <summary>The <c>image-updater</c> command line: parsing, dispatch and the exit-code contract.</summary>
internal static class ImageUpdaterCommandLine
{
    /// <summary><c>--loglevel</c>: the reference's level names.</summary>
    public static readonly Option<string> LogLevel = CreateLogLevel();

    /// <summary><c>--logformat</c>: text lines or JSON lines on standard error.</summary>
    public static readonly Option<string> LogFormat = CreateLogFormat();

    public static RootCommand CreateRootCommand(Stream standardInput)
    {
        var root = new RootCommand("ImageUpdater: keeps the container images of GitOps applications up to date.")
        {
            TestCommand.Create(standardInput),
            TemplateCommand.Create(),
            RunCommand.Create(),
        };
        root.Options.Add(LogLevel);
        root.Options.Add(LogFormat);
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new ExamplesHelpAction((HelpAction)help.Action!);
        root.Options.OfType<VersionOption>().Single().Action = new VersionAction();
        return root;
    }

    /// <summary>Runs the command line. Exit codes: 0 success, 1 runtime failure, 2 invalid input.</summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, Stream input, CancellationToken cancellationToken = default)
    {
        var root = CreateRootCommand(input);
        var parseResult = root.Parse(args);
        // --help shows help even when the rest of the line is incomplete ("image-updater test --help" has no IMAGE).
        if (parseResult.Errors.Count > 0 && parseResult.Action is not ExamplesHelpAction)
        {
            await error.WriteLineAsync("error: " + ParseErrorText(parseResult.Errors[0])).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        CliLogSettings.Current = new CliLogSettings
        {
            Level = CliLogSettings.ParseLevel(parseResult.GetRequiredValue(LogLevel)) ?? Microsoft.Extensions.Logging.LogLevel.Information,
            Format = parseResult.GetRequiredValue(LogFormat) == "json" ? Logging.LogFormat.Json : Logging.LogFormat.Text,
            Interactive = IsTerminal(output),
        };
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
        catch (Exception failure) when (failure is ImageUpdaterException or IOException or UnauthorizedAccessException)
        {
            // A cycle or a file that could not even start: its message names the input; its type and inner exceptions
            // are for a debugger, not for the user.
            await error.WriteLineAsync("error: " + ErrorText.OneLine(failure)).ConfigureAwait(false);
            return ExitCodes.RuntimeFailure;
        }
    }

    // One line naming the option: System.CommandLine lists allowed values on lines of their own.
    private static string ParseErrorText(ParseError parseError)
    {
        var lines = parseError.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var message = lines.Length == 1 ? lines[0] : lines[0] + " " + string.Join(", ", lines.Skip(1));
        var option = parseError.SymbolResult switch
        {
            OptionResult result => result.Option.Name,
            ArgumentResult { Parent: OptionResult result } => result.Option.Name,
            _ => null,
        };
        return option is not null && !message.Contains(option, StringComparison.Ordinal) ? option + ": " + message : message;
    }

    // The live display draws only on a real terminal: the process's own standard output, not redirected, and a
    // console Spectre sees as interactive (not CI, not TERM=dumb).
    private static bool IsTerminal(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    private static Option<string> CreateLogLevel()
    {
        var option = new Option<string>("--loglevel")
        {
            Description = "Log level: trace, debug, info, warn or error.",
            DefaultValueFactory = _ => "info",
            Recursive = true,
            HelpName = "LEVEL",
        };
        option.AcceptOnlyFromAmong("trace", "debug", "info", "warn", "error");
        return option;
    }

    private static Option<string> CreateLogFormat()
    {
        var option = new Option<string>("--logformat")
        {
            Description = "Log format on standard error: text (one line per event) or json (one JSON object per line).",
            DefaultValueFactory = _ => "text",
            Recursive = true,
            HelpName = "FORMAT",
        };
        option.AcceptOnlyFromAmong("text", "json");
        return option;
    }
}
