namespace ImageUpdater.Strategies;

/// <summary>
/// <c>newest-build</c>: the tag whose image was created last (<see cref="TagInfo.CreatedAt"/>; unknown times sort
/// first). Equal times are ordered by tag name ordinally and the last wins.
/// </summary>
public sealed class NewestBuildStrategy : ITagStrategy
{
    /// <inheritdoc/>
    public string Name => TagStrategyNames.NewestBuild;

    /// <inheritdoc/>
    public TagMetadataNeeds MetadataNeeds => TagMetadataNeeds.BuildMetadata;

    /// <inheritdoc/>
    public string? Validate(ImageUpdateSettings settings) => null;

    /// <inheritdoc/>
    public TagSelection Select(IReadOnlyList<TagInfo> candidates, ImageUpdateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        TagInfo? best = null;
        foreach (var tag in candidates)
        {
            if (best is null || Compare(tag, best) > 0)
            {
                best = tag;
            }
        }

        return best is null ? TagSelection.None : TagSelection.Selected(best);
    }

    private static int Compare(TagInfo left, TagInfo right)
    {
        var d = (left.CreatedAt ?? DateTimeOffset.MinValue).CompareTo(right.CreatedAt ?? DateTimeOffset.MinValue);
        return d != 0 ? d : string.CompareOrdinal(left.Name, right.Name);
    }
}
