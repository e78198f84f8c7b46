namespace ImageUpdater.WriteBack.Git.Templates;

/// <summary>
/// Renders commit messages from a Go template; when the template fails while executing, the message falls back to
/// the reference's <c>build: update of application &lt;app&gt;</c>.
/// </summary>
internal sealed class CommitMessageTemplate
{
    /// <summary>The reference's default commit message template.</summary>
    public const string DefaultText = """
        build: automatic update of {{ .AppName }}

        {{ range .AppChanges -}}
        updates image {{ .Image }} tag '{{ .OldTag }}' to '{{ .NewTag }}'
        {{ end -}}

        """;

    private readonly GoTemplate _template;

    private CommitMessageTemplate(GoTemplate template) => _template = template;

    public static CommitMessageTemplate Default { get; } = Parse(DefaultText);

    /// <exception cref="TemplateException">The text is not a valid template or uses an unsupported construct.</exception>
    public static CommitMessageTemplate Parse(string text) => new(GoTemplate.Parse(text));

    public static string FallbackMessage(string appName) => $"build: update of application {appName}";

    public TemplateRendering Render(CommitMessageData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            return new TemplateRendering(_template.Render(data.ToGoValue()), null);
        }
        catch (TemplateException failure)
        {
            return new TemplateRendering(FallbackMessage(data.AppName), failure);
        }
    }
}
