using System.CommandLine;
using ImageUpdater.Cli.Service;

namespace ImageUpdater.Cli.Tests.Service;

/// <summary>The service flags of <c>run</c>: Go durations, defaults, and flags winning over environment variables.</summary>
public sealed class ServiceOptionsTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("2m", 120)]
    [InlineData("30s", 30)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5h", 5400)]
    [InlineData("1m30.5s", 90.5)]
    [InlineData("+45s", 45)]
    [InlineData("1500ms", 1.5)]
    public void Go_durations_parse_as_the_reference_reads_its_interval(string text, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), GoDuration.TryParse(text, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("10", "has a number without a unit")]
    [InlineData("5x", "has the unknown unit 'x'")]
    [InlineData("-1m", "must not be negative")]
    [InlineData("", "is empty")]
    [InlineData("m", "is not a duration")]
    [InlineData("1..5s", "is not a duration")]
    [InlineData("99999999999999h", "is too long")]
    public void Bad_durations_are_refused_with_the_reason(string text, string reason)
    {
        Assert.Null(GoDuration.TryParse(text, out var error));
        Assert.StartsWith(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(120, "2m0s")]
    [InlineData(5400, "1h30m0s")]
    [InlineData(90.5, "1m30.5s")]
    public void Durations_print_as_go_prints_them(double seconds, string text) =>
        Assert.Equal(text, GoDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Without_flags_or_variables_the_reference_defaults_apply()
    {
        var settings = Read([], new Dictionary<string, string>());

        Assert.Equal(TimeSpan.FromMinutes(2), settings.Interval);
        Assert.Equal(8080, settings.HealthPort);
        Assert.Equal(8081, settings.MetricsPort);
        Assert.True(settings.WarmUp);
    }

    [Fact]
    public void The_environment_variable_sets_the_interval_when_no_flag_does()
    {
        var settings = Read([], new Dictionary<string, string> { [ServiceOptions.IntervalVariable] = "5m" });

        Assert.Equal(TimeSpan.FromMinutes(5), settings.Interval);
    }

    [Fact]
    public void The_flag_wins_over_the_environment_variable()
    {
        var settings = Read(["--interval", "30s", "--health-port", "0", "--metrics-port", "9090", "--warmup-cache", "false"], new Dictionary<string, string> { [ServiceOptions.IntervalVariable] = "5m" });

        Assert.Equal(TimeSpan.FromSeconds(30), settings.Interval);
        Assert.Equal(0, settings.HealthPort);
        Assert.Equal(9090, settings.MetricsPort);
        Assert.False(settings.WarmUp);
    }

    [Fact]
    public void A_bad_value_names_the_flag_or_the_variable_it_came_from()
    {
        var fromVariable = Assert.Throws<CommandLineException>(() => Read([], new Dictionary<string, string> { [ServiceOptions.IntervalVariable] = "often" }));
        Assert.Equal("IMAGE_UPDATER_INTERVAL 'often' is not a duration; write a number with a unit, such as 2m, 30s or 1h30m.", fromVariable.Message);
        Assert.Equal(ExitCodes.InvalidInput, fromVariable.ExitCode);

        var fromFlag = Assert.Throws<CommandLineException>(() => Read(["--interval", "-2m"], new Dictionary<string, string> { [ServiceOptions.IntervalVariable] = "often" }));
        Assert.Equal("--interval '-2m' must not be negative.", fromFlag.Message);
    }

    [Fact]
    public async Task A_port_out_of_range_is_invalid_input()
    {
        var (exitCode, _, error) = await CommandLineRunner.RunAsync("run", "--apps", ".", "--metrics-port", "70000");

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains("--metrics-port must be between 0 and 65535.", error, StringComparison.Ordinal);
    }

    private static ServiceSettings Read(string[] args, Dictionary<string, string> environment)
    {
        var options = new ServiceOptions();
        var command = new RootCommand();
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        var parseResult = command.Parse(args);
        Assert.Empty(parseResult.Errors);
        return options.Read(parseResult, name => environment.GetValueOrDefault(name));
    }
}
