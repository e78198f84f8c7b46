namespace ImageUpdater.Cli;

/// <summary>Ends a command with an exit code and a one-line reason on standard error.</summary>
internal sealed class CommandLineException : Exception
{
    public CommandLineException()
    {
    }

    public CommandLineException(string message)
        : this(message, ExitCodes.InvalidInput)
    {
    }

    public CommandLineException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.RuntimeFailure;
    }

    public CommandLineException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; } = ExitCodes.RuntimeFailure;
}
