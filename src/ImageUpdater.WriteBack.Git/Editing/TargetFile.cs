namespace ImageUpdater.WriteBack.Git.Editing;

/// <summary>
/// Runs an editor on a file of a checkout: resolves the target inside it, reads, edits and writes the file only when
/// its text changed. Any error (a path leaving the checkout, unparseable YAML) leaves the file untouched.
/// </summary>
internal static class TargetFile
{
    /// <summary>Edits one file; a file that does not exist is edited from empty text. Returns whether it was written.</summary>
    /// <param name="checkoutRoot">The root of the checkout.</param>
    /// <param name="sourcePath">The application's <c>source.path</c>.</param>
    /// <param name="target">The target path, relative to <paramref name="sourcePath"/> or, with a leading <c>/</c>, to the root.</param>
    /// <param name="edit">Returns the new text from the current text and the file's path in the repository (for errors).</param>
    /// <exception cref="ConfigurationException">The path leaves the checkout, or the editor rejected the file.</exception>
    public static bool Edit(string checkoutRoot, string sourcePath, string target, Func<string, string, string> edit)
    {
        var path = RepositoryPath.Resolve(checkoutRoot, sourcePath, target);
        var name = Path.GetRelativePath(checkoutRoot, path).Replace('\\', '/');
        var text = File.Exists(path) ? YamlFile.ReadText(path) : string.Empty;
        var edited = edit(text, name);
        if (edited == text)
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        YamlFile.WriteText(path, edited);
        return true;
    }

    /// <summary>
    /// Edits every <c>*.yaml</c> and <c>*.yml</c> file under a directory (markers). All files are edited in memory
    /// first; nothing is written unless every file could be. Returns the files written, relative to the root.
    /// </summary>
    /// <exception cref="ConfigurationException">The directory or a file in it leads out of the checkout, or a file was rejected.</exception>
    public static IReadOnlyList<string> EditAll(string checkoutRoot, string sourcePath, string target, Func<string, string, string> edit)
    {
        var directory = RepositoryPath.Resolve(checkoutRoot, sourcePath, target);
        if (!Directory.Exists(directory))
        {
            throw new ConfigurationException($"Write-back target '{target}' is not a directory in the repository.", new ConfigurationLocation(Key: "write-back-target"));
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None, MatchType = MatchType.Simple };
        var changes = new List<(string Path, string Name, string Text)>();
        foreach (var path in Directory.EnumerateFiles(directory, "*", options).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(checkoutRoot, path).Replace('\\', '/');
            if (name.StartsWith(".git/", StringComparison.Ordinal) || !(path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal)))
            {
                continue;
            }

            RepositoryPath.EnsureInside(checkoutRoot, path);
            var text = YamlFile.ReadText(path);
            var edited = edit(text, name);
            if (edited != text)
            {
                changes.Add((path, name, edited));
            }
        }

        foreach (var (path, _, text) in changes)
        {
            YamlFile.WriteText(path, text);
        }

        return changes.Select(static c => c.Name).ToList();
    }
}
