using ImageUpdater.WriteBack.Git.Templates;

namespace ImageUpdater.WriteBack.Git;

/// <summary>Where the commit message template comes from: the options' text, the file they name, or the default.</summary>
internal static class CommitMessageTemplateSource
{
    /// <summary>Parses the configured template.</summary>
    /// <exception cref="ConfigurationException">Both sources are set, the file cannot be read, or the template does not parse (naming line and column).</exception>
    public static CommitMessageTemplate Load(GitWriteBackOptions options)
    {
        const string TextKey = nameof(GitWriteBackOptions) + "." + nameof(GitWriteBackOptions.CommitMessageTemplate);
        const string PathKey = nameof(GitWriteBackOptions) + "." + nameof(GitWriteBackOptions.CommitMessageTemplatePath);
        var path = options.CommitMessageTemplatePath;
        if (options.CommitMessageTemplate is not null && !string.IsNullOrEmpty(path))
        {
            throw new ConfigurationException($"Set {TextKey} or {PathKey}, not both.", new ConfigurationLocation(Key: PathKey));
        }

        string text;
        var location = new ConfigurationLocation(Key: TextKey);
        if (!string.IsNullOrEmpty(path))
        {
            location = new ConfigurationLocation(File: path, Key: PathKey);
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ConfigurationException($"The commit message template file '{path}' cannot be read: {e.Message}", location, e);
            }
        }
        else
        {
            text = options.CommitMessageTemplate ?? CommitMessageTemplate.DefaultText;
        }

        try
        {
            return CommitMessageTemplate.Parse(text);
        }
        catch (TemplateException e)
        {
            throw new ConfigurationException($"The commit message template does not parse: {e.Message}", location with { Line = e.Line > 0 ? e.Line : null, Column = e.Column > 0 ? e.Column : null }, e);
        }
    }

    /// <summary>Returns why the configured template cannot be used, or <see langword="null"/>.</summary>
    public static string? Check(GitWriteBackOptions options)
    {
        try
        {
            Load(options);
            return null;
        }
        catch (ConfigurationException e)
        {
            return e.Message;
        }
    }
}
