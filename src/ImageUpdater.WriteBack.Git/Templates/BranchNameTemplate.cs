namespace ImageUpdater.WriteBack.Git.Templates;

/// <summary>Renders the name of the branch to push to from a Go template, cut to the reference's 255 characters.</summary>
internal sealed class BranchNameTemplate
{
    /// <summary>The longest branch name the reference produces.</summary>
    public const int MaxLength = 255;

    private readonly GoTemplate _template;

    private BranchNameTemplate(GoTemplate template) => _template = template;

    /// <exception cref="TemplateException">The text is not a valid template or uses an unsupported construct.</exception>
    public static BranchNameTemplate Parse(string text) => new(GoTemplate.Parse(text));

    /// <summary>Renders the name; on failure the text is empty and the failure says why.</summary>
    public TemplateRendering Render(BranchNameData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            return new TemplateRendering(Truncate(_template.Render(data.ToGoValue())), null);
        }
        catch (TemplateException failure)
        {
            return new TemplateRendering(string.Empty, failure);
        }
    }

    private static string Truncate(string name)
    {
        if (name.Length <= MaxLength)
        {
            return name;
        }

        // Never split a surrogate pair: half a character is not a valid branch name.
        var length = char.IsHighSurrogate(name[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return name[..length];
    }
}
