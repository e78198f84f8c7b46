namespace ImageUpdater.Strategies;

/// <summary>
/// <c>digest</c>: tracks one mutable tag, named by the constraint, and returns it with its current digest so the
/// image can be pinned as <c>tag@sha256:...</c>.
/// </summary>
public sealed class DigestStrategy : ITagStrategy
{
    /// <inheritdoc/>
    public string Name => TagStrategyNames.Digest;

    /// <inheritdoc/>
    public TagMetadataNeeds MetadataNeeds => TagMetadataNeeds.ConstraintTagDigest;

    /// <inheritdoc/>
    public string? Validate(ImageUpdateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return string.IsNullOrWhiteSpace(settings.Constraint)
            ? "The digest update strategy needs the tag to watch as its constraint (image:tag), but none is given."
            : null;
    }

    /// <inheritdoc/>
    public TagSelection Select(IReadOnlyList<TagInfo> candidates, ImageUpdateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var error = Validate(settings);
        if (error is not null)
        {
            return TagSelection.Failed(error);
        }

        var watched = settings.Constraint!;
        foreach (var tag in candidates)
        {
            if (!string.Equals(tag.Name, watched, StringComparison.Ordinal))
            {
                continue;
            }

            return tag.Digest is null
                ? TagSelection.Failed($"The digest of the watched tag '{watched}' is not known; it must be fetched for the digest strategy.")
                : TagSelection.Selected(tag);
        }

        return TagSelection.None;
    }
}
