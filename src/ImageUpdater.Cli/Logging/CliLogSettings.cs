using Microsoft.Extensions.Logging;

namespace ImageUpdater.Cli.Logging;

/// <summary>
/// The root options that shape logging and display (<c>--loglevel</c>, <c>--logformat</c>, whether standard output is
/// a terminal), set once per invocation and read by the commands that build services.
/// </summary>
internal sealed record CliLogSettings
{
    private static readonly AsyncLocal<CliLogSettings?> CurrentSettings = new();

    public static CliLogSettings Default { get; } = new();

    /// <summary>The settings of the invocation running on this flow; <see cref="Default"/> outside one.</summary>
    public static CliLogSettings Current
    {
        get => CurrentSettings.Value ?? Default;
        set => CurrentSettings.Value = value;
    }

    public LogLevel Level { get; init; } = LogLevel.Information;

    public LogFormat Format { get; init; } = LogFormat.Text;

    /// <summary>Standard output and standard error are a terminal the live display can draw on.</summary>
    public bool Interactive { get; init; }

    /// <summary>Parses a <c>--loglevel</c> value: the reference's names (trace, debug, info, warn, error).</summary>
    public static LogLevel? ParseLevel(string text) => text.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => null,
    };
}
