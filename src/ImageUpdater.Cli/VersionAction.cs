using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace ImageUpdater.Cli;

/// <summary>
/// <c>--version</c>: the tool's informational version (with the commit it was built from). The standard action prints
/// the entry assembly's, which is not the tool when the command line runs inside another program.
/// </summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public static string Version { get; } =
        typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(VersionAction).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(Version);
        return ExitCodes.Success;
    }
}
