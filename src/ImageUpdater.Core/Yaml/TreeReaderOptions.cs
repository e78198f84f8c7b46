namespace ImageUpdater.Yaml;

/// <summary>
/// Limits that keep hostile or broken YAML and JSON from exhausting the stack, memory or time, and how the tree is
/// shaped. Defaults suit configuration files and manifests.
/// </summary>
internal sealed record TreeReaderOptions
{
    public static TreeReaderOptions Default { get; } = new();

    /// <summary>Gets the longest text accepted, in characters.</summary>
    public int MaxTextLength { get; init; } = 8 * 1024 * 1024;

    /// <summary>Gets the longest line accepted, in characters (long base64 values fit).</summary>
    public int MaxLineLength { get; init; } = 1024 * 1024;

    /// <summary>Gets the deepest nesting of mappings and sequences accepted.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Gets the most nodes a text may expand to, every alias counting as the size of what it refers to.</summary>
    public int MaxNodes { get; init; } = 1_000_000;

    /// <summary>Gets the most documents a text may hold.</summary>
    public int MaxDocuments { get; init; } = 10_000;

    /// <summary>
    /// Gets a value indicating whether merge keys (<c>&lt;&lt;</c>) are expanded into the mapping. An editor that
    /// splices text turns it off to see the entries as written.
    /// </summary>
    public bool ExpandMergeKeys { get; init; } = true;

    /// <summary>Gets a value indicating whether a key repeated in one mapping is an error.</summary>
    public bool RejectDuplicateKeys { get; init; } = true;
}
