namespace ImageUpdater.Registry;

/// <summary>The candidate tags of one image, in the registry's order, and the tags left out with the reason.</summary>
public sealed record TagCandidates
{
    /// <summary>Gets the repository that was read.</summary>
    public required RegistryRepository Repository { get; init; }

    /// <summary>Gets the candidates with the metadata asked for.</summary>
    public required IReadOnlyList<TagInfo> Tags { get; init; }

    /// <summary>
    /// Gets the tags left out while fetching metadata (no wanted platform, unreadable manifest or config), each with a
    /// one-line reason; as in the reference, such a tag is skipped and the others still count.
    /// </summary>
    public IReadOnlyList<SkippedTag> Skipped { get; init; } = [];
}

/// <summary>A tag left out of the candidates.</summary>
/// <param name="Tag">The tag.</param>
/// <param name="Reason">Why, in one line.</param>
public sealed record SkippedTag(string Tag, string Reason);
