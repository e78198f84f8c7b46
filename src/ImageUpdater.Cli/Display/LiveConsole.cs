using System.Text;
using Spectre.Console;

namespace ImageUpdater.Cli.Display;

/// <summary>
/// The terminal the live display draws on. While a display runs, log lines must go through the same console so that
/// they print above it instead of tearing it; <see cref="LogWriter"/> does that.
/// </summary>
internal static class LiveConsole
{
    private static readonly Lock Gate = new();

    /// <summary>Writes each line above the live display, escaped (a log message is never markup).</summary>
    public static TextWriter LogWriter { get; } = new ConsoleLineWriter();

    public static IAnsiConsole Console => AnsiConsole.Console;

    private sealed class ConsoleLineWriter : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        private readonly StringBuilder _pending = new();

        public override void Write(char value)
        {
            if (value == '\n')
            {
                WriteLine(_pending.ToString().TrimEnd('\r'));
                _pending.Clear();
            }
            else
            {
                _pending.Append(value);
            }
        }

        public override void WriteLine(string? value)
        {
            var text = value ?? string.Empty;
            var style = text.StartsWith("error:", StringComparison.Ordinal) || text.StartsWith("critical:", StringComparison.Ordinal) ? "red"
                : text.StartsWith("warning:", StringComparison.Ordinal) ? "yellow"
                : "grey";
            lock (Gate)
            {
                AnsiConsole.MarkupLine($"[{style}]{Markup.Escape(text)}[/]");
            }
        }
    }
}
