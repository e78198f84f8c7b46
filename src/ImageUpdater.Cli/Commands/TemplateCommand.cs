using System.CommandLine;
using ImageUpdater.WriteBack.Git.Templates;

namespace ImageUpdater.Cli.Commands;

/// <summary>
/// <c>image-updater template [PATH]</c>: renders a commit message template (default: the reference's) with the
/// reference's sample data, so a template can be tried before it is configured.
/// </summary>
internal static class TemplateCommand
{
    /// <summary>The reference command's sample: one tag change and one digest change, no labels.</summary>
    private static readonly CommitMessageData Sample = new("example-app",
    [
        new CommitChange("example/example", "1.0.0", "1.0.1"),
        new CommitChange(
            "example/updater",
            "sha256:01d09d19c2139a46aebfb577780d123d7396e97201bc7ead210a2ebff8239dee",
            "sha256:7aa7a5359173d05b63cfd682e3c38487f3cb4f7f1d60659fe59fab1505977d4c"),
    ]);

    public static Command Create()
    {
        var path = new Argument<string?>("PATH")
        {
            Description = "The commit message template to render (default: the built-in default message).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("template", "Render a commit message template with sample data.") { path };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var templatePath = parseResult.GetValue(path);
            var template = templatePath is null
                ? CommitMessageTemplate.Default
                : ParseFile(templatePath, await ReadAsync(templatePath, cancellationToken).ConfigureAwait(false));

            // As in the reference, a template that fails while executing shows the fallback message, and the
            // rendering is followed by "\n" whatever the platform's line ending.
            var rendering = template.Render(Sample);
            await parseResult.InvocationConfiguration.Output.WriteAsync(rendering.Text + "\n").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CommandLineException($"cannot read template file '{path}': {failure.Message}", ExitCodes.InvalidInput);
        }
    }

    private static CommitMessageTemplate ParseFile(string path, string text)
    {
        try
        {
            return CommitMessageTemplate.Parse(text);
        }
        catch (TemplateException failure)
        {
            throw new CommandLineException($"{path}: {failure.Message}", ExitCodes.InvalidInput);
        }
    }
}
