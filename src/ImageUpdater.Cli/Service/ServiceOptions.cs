using System.CommandLine;

namespace ImageUpdater.Cli.Service;

/// <summary>
/// The options of <c>run</c> that only the long-running service reads, and their environment variables: a flag on the
/// command line wins over the variable, the variable over the default.
/// </summary>
internal sealed class ServiceOptions
{
    /// <summary>The reference's variable for <c>--interval</c>.</summary>
    public const string IntervalVariable = "IMAGE_UPDATER_INTERVAL";

    public ServiceOptions()
    {
        Interval = new Option<string?>("--interval")
        {
            Description = $"Time from the start of one update cycle to the next, as 2m, 30s or 1h30m; 0 runs one cycle and exits (env {IntervalVariable}, default 2m).",
            HelpName = "DURATION",
        };
        HealthPort = Port("--health-port", ServiceSettings.DefaultHealthPort, "Port of the /healthz and /readyz probes; 0 to disable.");
        MetricsPort = Port("--metrics-port", ServiceSettings.DefaultMetricsPort, "Port of the Prometheus /metrics endpoint; 0 to disable.");
        WarmUp = new Option<bool>("--warmup-cache")
        {
            Description = "Run a dry-run cycle at start to fill the registry caches (default true).",
            DefaultValueFactory = _ => true,
            Arity = ArgumentArity.ZeroOrOne,
        };
    }

    public Option<string?> Interval { get; }

    public Option<int> HealthPort { get; }

    public Option<int> MetricsPort { get; }

    public Option<bool> WarmUp { get; }

    public IEnumerable<Option> All => [Interval, HealthPort, MetricsPort, WarmUp];

    /// <summary>Reads the settings; an invalid value is a <see cref="CommandLineException"/> naming the flag or variable.</summary>
    public ServiceSettings Read(ParseResult parseResult, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(environment);
        var settings = new ServiceSettings
        {
            HealthPort = parseResult.GetValue(HealthPort),
            MetricsPort = parseResult.GetValue(MetricsPort),
            WarmUp = parseResult.GetValue(WarmUp),
        };
        var (text, source) = parseResult.GetValue(Interval) is { } flag ? (flag, "--interval")
            : environment(IntervalVariable) is { Length: > 0 } variable ? (variable, IntervalVariable)
            : (null, null);
        if (text is null)
        {
            return settings;
        }

        var interval = GoDuration.TryParse(text.Trim(), out var error)
            ?? throw new CommandLineException($"{source} '{Shorten(text)}' {error}.", ExitCodes.InvalidInput);
        return settings with { Interval = interval };
    }

    private static Option<int> Port(string name, int defaultValue, string description)
    {
        var option = new Option<int>(name) { Description = $"{description} (default {defaultValue})", DefaultValueFactory = _ => defaultValue, HelpName = "PORT" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError($"{name} must be between 0 and 65535.");
            }
        });
        return option;
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "...";
}
