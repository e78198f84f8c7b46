namespace ImageUpdater.WriteBack.Git.Editing;

/// <summary>
/// Resolves a write-back target inside a checkout: relative to the application's <c>source.path</c>, or to the
/// repository root with a leading <c>/</c>. A path that leaves the checkout, by <c>..</c>, as an absolute path or
/// through a symbolic link anywhere along it, is an error, so nothing outside the checkout is ever written.
/// </summary>
internal static class RepositoryPath
{
    private const int MaxLinks = 40;

    /// <summary>Returns the full path of <paramref name="target"/> inside <paramref name="checkoutRoot"/>.</summary>
    /// <exception cref="ConfigurationException">The path leaves the checkout or loops through links.</exception>
    public static string Resolve(string checkoutRoot, string sourcePath, string target)
    {
        var relative = target.StartsWith('/') ? target[1..] : Path.Join(sourcePath, target);
        if (Path.IsPathRooted(relative))
        {
            throw Outside(target, "it is an absolute path");
        }

        var root = RealPath(Path.GetFullPath(checkoutRoot), target);
        var full = Path.GetFullPath(Path.Join(root, relative));
        if (!IsInside(root, full))
        {
            throw Outside(target, "it leads out of the repository");
        }

        if (!IsInside(root, RealPath(full, target)))
        {
            throw Outside(target, "a symbolic link along it points out of the repository");
        }

        return full;
    }

    /// <summary>Checks that an existing path (a file found by a directory walk) stays inside the checkout once links are followed.</summary>
    /// <exception cref="ConfigurationException">A link along it leads out of the checkout.</exception>
    public static void EnsureInside(string checkoutRoot, string path)
    {
        var root = RealPath(Path.GetFullPath(checkoutRoot), path);
        if (!IsInside(root, RealPath(Path.GetFullPath(path), path)))
        {
            throw Outside(Path.GetRelativePath(root, path), "a symbolic link along it points out of the repository");
        }
    }

    // Follows every link along the path, component by component; components that do not exist yet are kept as written.
    private static string RealPath(string path, string target)
    {
        var root = Path.GetPathRoot(path)!;
        var resolved = root;
        var pending = new Queue<string>(path[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries));
        var links = 0;
        while (pending.TryDequeue(out var component))
        {
            var next = Path.GetFullPath(Path.Join(resolved, component));
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is not { } link)
            {
                resolved = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw Outside(target, "it loops through symbolic links");
            }

            // The link's target replaces the component and is resolved in turn.
            var linked = Path.GetFullPath(Path.IsPathRooted(link) ? link : Path.Join(resolved, link));
            var rest = pending.ToList();
            pending.Clear();
            resolved = Path.GetPathRoot(linked)!;
            foreach (var part in linked[resolved.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Concat(rest))
            {
                pending.Enqueue(part);
            }
        }

        return resolved;
    }

    private static bool IsInside(string root, string path) =>
        path == root || path.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static ConfigurationException Outside(string target, string reason) =>
        new($"Write-back target '{target}' is not allowed: {reason}.", new ConfigurationLocation(Key: "write-back-target"));
}
