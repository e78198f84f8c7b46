namespace ImageUpdater.WriteBack.Git.Templates;

/// <summary>What a template produced: the text to use, and why the template's own output was not usable, if so.</summary>
internal readonly record struct TemplateRendering(string Text, TemplateException? Failure)
{
    public bool Succeeded => Failure is null;
}
