namespace ImageUpdater.Yaml;

/// <summary>The checks on raw text that run before a parser sees it.</summary>
internal static class TextLimits
{
    /// <exception cref="TreeSyntaxException">The text or one of its lines is too long.</exception>
    public static void Check(string text, TreeReaderOptions options)
    {
        if (text.Length > options.MaxTextLength)
        {
            throw new TreeSyntaxException($"The text is {text.Length} characters long, more than the limit of {options.MaxTextLength}.", null, null);
        }

        var line = 1L;
        for (var start = 0; start < text.Length; line++)
        {
            var end = text.IndexOf('\n', start);
            var length = (end < 0 ? text.Length : end) - start;
            if (length > options.MaxLineLength)
            {
                throw new TreeSyntaxException($"Line {line} is {length} characters long, more than the limit of {options.MaxLineLength}.", line, options.MaxLineLength + 1);
            }

            if (end < 0)
            {
                break;
            }

            start = end + 1;
        }
    }
}
