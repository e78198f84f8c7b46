namespace ImageUpdater.Strategies;

/// <summary><c>alphabetical</c>: the last tag in ordinal (byte-wise) order.</summary>
public sealed class AlphabeticalStrategy : ITagStrategy
{
    /// <inheritdoc/>
    public string Name => TagStrategyNames.Alphabetical;

    /// <inheritdoc/>
    public TagMetadataNeeds MetadataNeeds => TagMetadataNeeds.None;

    /// <inheritdoc/>
    public string? Validate(ImageUpdateSettings settings) => null;

    /// <inheritdoc/>
    public TagSelection Select(IReadOnlyList<TagInfo> candidates, ImageUpdateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        TagInfo? best = null;
        foreach (var tag in candidates)
        {
            if (best is null || string.CompareOrdinal(tag.Name, best.Name) > 0)
            {
                best = tag;
            }
        }

        return best is null ? TagSelection.None : TagSelection.Selected(best);
    }
}
