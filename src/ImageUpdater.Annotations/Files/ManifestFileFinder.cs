namespace ImageUpdater.Annotations.Files;

/// <summary>
/// Lists the manifest files under a folder: <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c>, in subfolders too, sorted by
/// their path relative to the folder (ordinal) so that every cycle reads them in the same order.
/// </summary>
internal static class ManifestFileFinder
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>Finds the files; a folder that cannot be listed or a link that leaves the folder is an error naming it.</summary>
    /// <param name="root">The full path of the folder.</param>
    /// <param name="errors">Receives the errors.</param>
    /// <returns>The files as (full path, path relative to <paramref name="root"/> with <c>/</c> separators).</returns>
    public static List<(string FullPath, string RelativePath)> Find(string root, List<ConfigurationException> errors)
    {
        var files = new List<(string FullPath, string RelativePath)>();
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(root));
        while (pending.TryPop(out var folder))
        {
            List<FileSystemInfo> entries;
            try
            {
                entries = folder.EnumerateFileSystemInfos().ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add(new ConfigurationException("Cannot list the folder: " + ex.Message, new ConfigurationLocation(Relative(root, folder.FullName) + "/")));
                continue;
            }

            foreach (var entry in entries)
            {
                if (entry is DirectoryInfo subfolder)
                {
                    // Hidden folders (.git) hold no manifests. A linked folder is never followed: what it links to inside
                    // the root is read through its real path, and what lies outside the root is not ours to read.
                    if (!subfolder.Name.StartsWith('.') && subfolder.LinkTarget is null)
                    {
                        pending.Push(subfolder);
                    }
                }
                else if (Extensions.Any(e => entry.Name.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                {
                    var relative = Relative(root, entry.FullName);
                    if (entry.LinkTarget is null || LinksInside(root, entry))
                    {
                        files.Add((entry.FullName, relative));
                    }
                    else
                    {
                        errors.Add(new ConfigurationException("The file links to a file outside the folder; it is not read.", new ConfigurationLocation(relative)));
                    }
                }
            }
        }

        files.Sort(static (a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }

    private static bool LinksInside(string root, FileSystemInfo link)
    {
        try
        {
            var target = link.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
            return target is not null && target.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            // A link cycle: reading it would fail anyway.
            return false;
        }
    }

    private static string Relative(string root, string path) =>
        Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
}
