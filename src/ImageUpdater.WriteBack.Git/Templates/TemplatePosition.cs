namespace ImageUpdater.WriteBack.Git.Templates;

/// <summary>A place in a template's text: 1-based line and column, and the character offset.</summary>
internal readonly record struct TemplatePosition(int Offset, int Line, int Column)
{
    public static TemplatePosition At(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new TemplatePosition(offset, line, offset - lineStart + 1);
    }
}
