namespace ImageUpdater.Annotations.Manifests;

/// <summary>Limits that keep a hostile or broken manifest from exhausting memory or time.</summary>
public sealed class ManifestReaderOptions
{
    /// <summary>Gets or sets the longest text accepted, in characters.</summary>
    /// <value>The default value is 8,388,608 (8 Mi characters).</value>
    public int MaxTextLength { get; set; } = 8 * 1024 * 1024;

    /// <summary>Gets or sets the deepest nesting of mappings and sequences accepted.</summary>
    /// <value>The default value is 64.</value>
    public int MaxDepth { get; set; } = 64;

    /// <summary>
    /// Gets or sets the most nodes a text may expand to, counting every alias as the size of what it refers to, so that
    /// alias bombs ("billion laughs") are rejected before they are expanded.
    /// </summary>
    /// <value>The default value is 1,000,000.</value>
    public int MaxNodes { get; set; } = 1_000_000;

    /// <summary>Gets or sets the most documents a text may hold.</summary>
    /// <value>The default value is 10,000.</value>
    public int MaxDocuments { get; set; } = 10_000;
}
