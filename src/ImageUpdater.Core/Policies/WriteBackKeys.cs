namespace ImageUpdater.Policies;

/// <summary>The names under which a configuration source writes the write-back fields, for error messages.</summary>
/// <param name="Method">The method's key.</param>
/// <param name="Repository">The repository's key.</param>
/// <param name="Branch">The branch's key.</param>
/// <param name="Target">The target's key.</param>
internal sealed record WriteBackKeys(string Method, string Repository, string Branch, string Target)
{
    /// <summary>Gets the field paths of a <c>writeBackConfig</c> block at <paramref name="path"/>.</summary>
    /// <param name="path">The path of the block, such as <c>spec.writeBackConfig</c>.</param>
    /// <returns>The keys.</returns>
    public static WriteBackKeys ForResource(string path) => new(
        path + ".method",
        path + ".gitConfig.repository",
        path + ".gitConfig.branch",
        path + ".gitConfig.writeBackTarget");
}
