using System.Globalization;
using ImageUpdater.Engine;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ImageUpdater.Cli.Display;

/// <summary>The table a terminal shows after a cycle: one row per image, then the totals.</summary>
internal static class CycleSummaryTable
{
    public static void Write(IAnsiConsole console, CycleResult result)
    {
        foreach (var error in result.Errors)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(error.Message)}");
        }

        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("Application");
        table.AddColumn("Outcome");
        table.AddColumn("Image (alias)");
        table.AddColumn("Running");
        table.AddColumn(result.DryRun ? "Would be (dry run)" : "Now");
        foreach (var application in result.Applications)
        {
            var name = application.Namespace.Length == 0 ? application.Name : application.Namespace + "/" + application.Name;
            var outcome = Outcome(application.Outcome);
            if (application.Images.Count == 0)
            {
                var reason = application.Errors.Count > 0 ? application.Errors[0].Message : application.Reason ?? string.Empty;
                table.AddRow(new Markup(Markup.Escape(name)), outcome, Empty, Empty, Detail(reason, application.Errors.Count > 0));
                continue;
            }

            foreach (var image in application.Images)
            {
                var last = image.Error is { } error ? Detail(error.Message, failed: true)
                    : image.Updated ? new Markup("[green]" + Markup.Escape(TagOf(image.Selected)) + "[/]")
                    : Detail(image.Reason ?? string.Empty, failed: false);
                table.AddRow(
                    new Markup(Markup.Escape(name)),
                    outcome,
                    Plain(image.Alias.Length == 0 ? image.Image : image.Alias),
                    Plain(TagOf(image.Current)),
                    last);
                (name, outcome) = (string.Empty, Empty);
            }

        }

        console.Write(table);

        // Where each update went (a commit, a file): under the table, where a long path does not squeeze the columns.
        foreach (var application in result.Applications.Where(static a => a.WriteBack is not null))
        {
            console.MarkupLine($"[grey]{Markup.Escape(application.Namespace.Length == 0 ? application.Name : application.Namespace + "/" + application.Name)}: {Markup.Escape(application.WriteBack!)}[/]");
        }
        var summary = result.Summary;
        console.MarkupLine(string.Create(
            CultureInfo.InvariantCulture,
            $"[bold]{summary.Applications}[/] application(s): [green]{summary.Updated} updated[/], {summary.Unchanged} unchanged, " +
            $"{Count(summary.Failed, "failed", "red")}, {Count(summary.Rejected, "rejected", "red")}, {summary.Ignored} ignored; " +
            $"{summary.ImagesUpdated} of {summary.ImagesConsidered} image(s) {(result.DryRun ? "would be updated" : "updated")} in {result.Duration.TotalSeconds:0.0} s"));
    }

    private static Markup Empty => new(string.Empty);

    private static Markup Plain(string text) => new(Markup.Escape(text));

    private static string Count(int count, string what, string colour) =>
        count == 0 ? $"0 {what}" : $"[{colour}]{count} {what}[/]";

    // The tag (and digest) is what changes; the repository is in the Image column already.
    private static string TagOf(string? reference)
    {
        if (reference is null)
        {
            return "-";
        }

        var at = reference.IndexOf('@', StringComparison.Ordinal);
        var name = at < 0 ? reference : reference[..at];
        var colon = name.LastIndexOf(':');
        var tag = colon > name.LastIndexOf('/') ? name[(colon + 1)..] : string.Empty;
        var digest = at < 0 ? string.Empty : reference[(at + 1)..];
        if (digest.Length > 19)
        {
            digest = digest[..19] + "…";
        }

        return (tag, digest) switch
        {
            ("", "") => reference,
            (_, "") => tag,
            ("", _) => "@" + digest,
            _ => tag + "@" + digest,
        };
    }

    private static Markup Detail(string text, bool failed) =>
        new Markup((failed ? "[red]" : "[grey]") + Markup.Escape(text) + "[/]");

    private static Markup Outcome(ApplicationOutcome outcome) => outcome switch
    {
        ApplicationOutcome.Updated => new Markup("[green]updated[/]"),
        ApplicationOutcome.Unchanged => new Markup("unchanged"),
        ApplicationOutcome.Rejected => new Markup("[red]rejected[/]"),
        ApplicationOutcome.Failed => new Markup("[red]failed[/]"),
        _ => new Markup("[grey]ignored[/]"),
    };
}
