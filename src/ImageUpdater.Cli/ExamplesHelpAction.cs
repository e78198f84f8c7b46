using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace ImageUpdater.Cli;

/// <summary>The standard help, followed by examples of the command asked about: the fastest way to learn a tool.</summary>
internal sealed class ExamplesHelpAction(HelpAction standard) : SynchronousCommandLineAction
{
    private static readonly Dictionary<string, string[]> Examples = new(StringComparer.Ordinal)
    {
        ["image-updater"] =
        [
            "# Which tag would nginx be updated to, staying on 1.25.x?",
            "image-updater test nginx --semver-constraint '~1.25'",
            "# One update cycle over a folder of Argo CD Application files, writing nothing",
            "image-updater run --once --apps ./apps --registries-conf registries.conf --dry-run",
            "# Try a commit message template",
            "image-updater template commit-message.tmpl",
        ],
        ["test"] =
        [
            "# The newest 1.25.x tag of nginx on Docker Hub",
            "image-updater test nginx --semver-constraint '~1.25'",
            "# Opt in to pre-releases: '-0' lets 1.26.0-rc.1 qualify",
            "image-updater test ghcr.io/acme/web --semver-constraint '>=1.26.0-0'",
            "# The most recently built main-* tag that runs on arm64, as JSON",
            "image-updater test ghcr.io/acme/web --update-strategy newest-build --allow-tags 'regexp:^main-' --platforms linux/arm64 -o json",
            "# The digest 'latest' points to now, with credentials from an environment variable (user:password)",
            "image-updater test ghcr.io/acme/web --update-strategy digest --semver-constraint latest --credentials env:GHCR_CREDS",
            "# No registry: pick from a list of tags",
            "printf '1.0.0\\n1.1.0\\n2.0.0-rc.1\\n' | image-updater test nginx --tags-from - --semver-constraint '^1'",
        ],
        ["run"] =
        [
            "# See what would change, write nothing",
            "image-updater run --once --apps ./apps --registries-conf registries.conf --dry-run",
            "# Update for real: commit and push through git, or edit the Application files (argocd method)",
            "image-updater run --once --apps ./apps --registries-conf registries.conf --git-commit-user bot --git-commit-email bot@example.com",
            "# For scripts: the result as JSON on standard output, logs as JSON lines on standard error",
            "image-updater run --once --apps ./apps -o json --logformat json 2>log.jsonl | jq '.summary'",
        ],
        ["template"] =
        [
            "# Render a commit message template with sample changes",
            "image-updater template commit-message.tmpl",
        ],
    };

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var exitCode = standard.Invoke(parseResult);
        var command = parseResult.CommandResult.Command;
        var name = command.Parents.Any() ? command.Name : "image-updater";
        if (Examples.TryGetValue(name, out var lines))
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (var line in lines)
            {
                output.WriteLine("  " + line);
            }

            output.WriteLine();
            output.WriteLine("Documentation: docs/cli.md, docs/getting-started.md");
        }

        return exitCode;
    }
}
