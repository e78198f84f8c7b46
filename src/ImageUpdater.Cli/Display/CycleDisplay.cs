using System.Diagnostics;
using System.Globalization;
using ImageUpdater.Cli.Commands;
using ImageUpdater.Cli.Logging;
using ImageUpdater.Engine;
using Spectre.Console;

namespace ImageUpdater.Cli.Display;

/// <summary>
/// Runs a cycle and shows it. On a terminal (and not <c>--output json</c>): a live line of progress while the cycle runs
/// (applications and images done, registry requests made) and a table at the end. Otherwise the result only, as text
/// or JSON, exactly as scripts read it.
/// </summary>
internal static class CycleDisplay
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMilliseconds(100);

    public static async Task<CycleResult> RunAsync(Func<CancellationToken, Task<CycleResult>> cycle, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        if (json || !CliLogSettings.Current.Interactive)
        {
            var result = await cycle(cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(json ? CycleResultWriter.ToJson(result) : CycleResultWriter.ToText(result)).ConfigureAwait(false);
            return result;
        }

        return await RunLiveAsync(cycle, LiveConsole.Console, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the cycle under a live status line on <paramref name="console"/>, then writes the summary table.</summary>
    public static async Task<CycleResult> RunLiveAsync(Func<CancellationToken, Task<CycleResult>> cycle, IAnsiConsole console, CancellationToken cancellationToken)
    {
        using var progress = new CycleProgress();
        var clock = Stopwatch.StartNew();
        var result = await console.Status()
            .Spinner(Spinner.Known.Dots)
            .StartAsync(Describe(progress, clock.Elapsed), async status =>
            {
                var running = cycle(cancellationToken);
                while (!running.IsCompleted)
                {
                    await Task.WhenAny(running, Task.Delay(RefreshEvery, cancellationToken)).ConfigureAwait(false);
                    status.Status(Describe(progress, clock.Elapsed));
                }

                return await running.ConfigureAwait(false);
            }).ConfigureAwait(false);
        CycleSummaryTable.Write(console, result);
        return result;
    }

    // Short enough for an 80-column terminal: a wrapped status line redraws badly.
    internal static string Describe(CycleProgress progress, TimeSpan elapsed) => string.Create(
        CultureInfo.InvariantCulture,
        $"Update cycle: [bold]{progress.ApplicationsDone}[/] application(s), [bold]{progress.ImagesDone}[/] image(s) done, " +
        $"[bold]{progress.RegistryRequests}[/] request(s), {elapsed.TotalSeconds:0.0} s");
}
