using System.Diagnostics.CodeAnalysis;

namespace ImageUpdater.WriteBack.Git.Templates;

/// <summary>
/// A Go <c>text/template</c> restricted to what commit-message and branch-name templates use: parse once, render
/// many times. Parsing and execution errors are <see cref="TemplateException"/>s naming the line and column.
/// </summary>
internal sealed class GoTemplate
{
    private readonly ListNode _root;

    private GoTemplate(ListNode root) => _root = root;

    /// <exception cref="TemplateException">The text is not a valid template or uses an unsupported construct.</exception>
    public static GoTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > TemplateLimits.MaxTemplateLength)
        {
            throw new TemplateException(
                new TemplatePosition(TemplateLimits.MaxTemplateLength, 1, 1),
                $"template is longer than {TemplateLimits.MaxTemplateLength} characters",
                duringExecution: false);
        }

        return new GoTemplate(TemplateParser.Parse(text));
    }

    public static bool TryParse(string text, [NotNullWhen(true)] out GoTemplate? template, [NotNullWhen(false)] out TemplateException? error)
    {
        try
        {
            template = Parse(text);
            error = null;
            return true;
        }
        catch (TemplateException failure)
        {
            template = null;
            error = failure;
            return false;
        }
    }

    /// <exception cref="TemplateException">Execution failed, as Go's would (a missing field, a bad comparison).</exception>
    public string Render(object? data) => TemplateExecutor.Execute(_root, data);
}
