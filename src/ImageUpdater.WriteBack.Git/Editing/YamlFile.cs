using ImageUpdater.Yaml;

namespace ImageUpdater.WriteBack.Git.Editing;

/// <summary>Parses a target file into raw trees (merge keys as written) and names the file in any syntax error.</summary>
internal static class YamlFile
{
    private static readonly TreeReaderOptions RawTree = TreeReaderOptions.Default with { ExpandMergeKeys = false };

    /// <summary>Reads every document of <paramref name="text"/>; empty documents are <see langword="null"/>.</summary>
    /// <exception cref="ConfigurationException">The text is not valid YAML or exceeds a limit.</exception>
    public static IReadOnlyList<TreeNode?> Documents(string text, string file)
    {
        try
        {
            return new YamlTreeReader(RawTree).Read(text).Select(static d => d.Root).ToList();
        }
        catch (TreeSyntaxException ex)
        {
            throw new ConfigurationException("Cannot edit this file, it is not valid YAML: " + ex.Message, new ConfigurationLocation(file, ex.Line, ex.Column), ex);
        }
    }

    /// <summary>
    /// Reads the first document, which must be a mapping or empty: with <see cref="BlockYamlScanner"/> when the text is
    /// in its subset (<paramref name="fastPath"/> on), else with the full parser, which also reports every error.
    /// </summary>
    /// <exception cref="ConfigurationException">The text is not valid YAML or its first document is not a mapping.</exception>
    public static MappingNode? FirstMapping(string text, string file, bool fastPath = true)
    {
        if (fastPath && BlockYamlScanner.TryReadMapping(text, RawTree, out var root))
        {
            return root;
        }

        var documents = Documents(text, file);
        return documents.Count == 0 || documents[0] is null
            ? null
            : documents[0] as MappingNode ?? throw new ConfigurationException(
                $"Cannot edit this file: its top level is {documents[0]!.KindName}, not a mapping.",
                new ConfigurationLocation(file, documents[0]!.Line, documents[0]!.Column));
    }

    /// <summary>Applies <paramref name="edit"/> to each item in turn; an edit that changed structure (returned
    /// <see langword="true"/>) is applied and the text read again before the next, so later items see its keys.</summary>
    public static string EditEach<T>(string text, string file, IEnumerable<T> items, Func<MappingNode?, YamlSplicer, T, bool> edit)
    {
        var root = FirstMapping(text, file);
        var splicer = new YamlSplicer(text);
        foreach (var item in items)
        {
            if (edit(root, splicer, item))
            {
                text = splicer.Apply();
                root = FirstMapping(text, file);
                splicer = new YamlSplicer(text);
            }
        }

        return splicer.Apply();
    }

    /// <summary>Reads a file as UTF-8 keeping a byte order mark as the text's first character, so it is written back.</summary>
    public static string ReadText(string path) => Utf8.GetString(File.ReadAllBytes(path));

    /// <summary>Writes text as UTF-8; a leading byte order mark character becomes the mark again.</summary>
    public static void WriteText(string path, string text) => File.WriteAllBytes(path, Utf8.GetBytes(text));

    private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
