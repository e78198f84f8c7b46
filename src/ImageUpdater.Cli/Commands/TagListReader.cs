namespace ImageUpdater.Cli.Commands;

/// <summary>Reads a newline-separated tag list from a file, or from standard input for <c>-</c>.</summary>
internal static class TagListReader
{
    public static async Task<IReadOnlyList<TagInfo>> ReadAsync(string source, TextReader standardInput, CancellationToken cancellationToken)
    {
        if (source.Length == 0)
        {
            throw new CommandLineException("--tags-from needs a file name, or '-' for standard input.", ExitCodes.InvalidInput);
        }

        string text;
        if (source == "-")
        {
            text = await standardInput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            try
            {
                text = await File.ReadAllTextAsync(source, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                throw new CommandLineException($"Cannot read tag list '{source}': {error.Message}", error);
            }
        }

        var tags = new List<TagInfo>();
        foreach (var line in text.Split('\n'))
        {
            var tag = line.Trim();
            if (tag.Length > 0)
            {
                tags.Add(new TagInfo(tag));
            }
        }

        return tags;
    }
}
