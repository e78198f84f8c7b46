namespace ImageUpdater.Strategies;

/// <summary>
/// What <see cref="TagSelector.Prepare"/> settled for one image: the strategy, the compiled filters and extraction,
/// the warnings, and the configuration error if any. Immutable and safe to share between threads.
/// </summary>
public sealed class TagSelectionPlan
{
    private readonly ImageUpdateSettings _settings;
    private readonly TagFilter _filter;
    private readonly TagExtractor? _extractor;

    internal TagSelectionPlan(
        ImageUpdateSettings settings,
        ITagStrategy strategy,
        TagFilter filter,
        TagExtractor? extractor,
        IReadOnlyList<string> warnings,
        string? error)
    {
        _settings = settings;
        Strategy = strategy;
        _filter = filter;
        _extractor = extractor;
        Warnings = warnings;
        Error = error;
    }

    /// <summary>Gets the resolved strategy.</summary>
    public ITagStrategy Strategy { get; }

    /// <summary>Gets what the strategy needs to know of tags beyond their names.</summary>
    public TagMetadataNeeds MetadataNeeds => Strategy.MetadataNeeds;

    /// <summary>Gets the warnings: a deprecated or unknown strategy name, an allow-tags value that allows nothing.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Gets the configuration error that stops this image (an invalid constraint or extraction), or null.</summary>
    public string? Error { get; }

    /// <summary>
    /// Whether a tag survives the allow/ignore filters and the extraction pattern, so that metadata is only fetched
    /// for tags that can be chosen. For the digest strategy only the watched tag is a candidate.
    /// </summary>
    /// <param name="tag">The tag name.</param>
    /// <returns><see langword="true"/> when the tag is a candidate.</returns>
    public bool IsCandidate(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (Strategy.MetadataNeeds == TagMetadataNeeds.ConstraintTagDigest
            && !string.Equals(tag, _settings.Constraint, StringComparison.Ordinal))
        {
            return false;
        }

        return _filter.IsAllowed(tag) && (_extractor is null || _extractor.TryExtract(tag, out _));
    }

    /// <summary>Filters the tags, applies the extraction and lets the strategy choose.</summary>
    /// <param name="tags">The image's tags in the registry's order, with the metadata the strategy needs.</param>
    /// <returns>The outcome; the chosen tag is always one of <paramref name="tags"/>.</returns>
    public TagSelectionOutcome Select(IReadOnlyList<TagInfo> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (Error is not null)
        {
            return new TagSelectionOutcome(TagSelection.Failed(Error), Strategy.Name, Warnings, 0);
        }

        var candidates = _filter.AllowsAll ? tags : Filter(tags);
        TagSelection selection;
        int count;
        if (_extractor is null)
        {
            count = candidates.Count;
            selection = Strategy.Select(candidates, _settings);
        }
        else
        {
            (selection, count) = SelectExtracted(candidates);
        }

        return new TagSelectionOutcome(selection, Strategy.Name, Warnings, count);
    }

    private List<TagInfo> Filter(IReadOnlyList<TagInfo> tags)
    {
        var kept = new List<TagInfo>();
        foreach (var tag in tags)
        {
            if (_filter.IsAllowed(tag.Name))
            {
                kept.Add(tag);
            }
        }

        return kept;
    }

    // The strategy orders extracted values; the tag that produced the chosen value is returned. As in Flux, when
    // several tags extract to the same value the later one in the registry's order stands for it.
    private (TagSelection Selection, int Count) SelectExtracted(IReadOnlyList<TagInfo> tags)
    {
        var originals = new Dictionary<string, TagInfo>(StringComparer.Ordinal);
        var extracted = new Dictionary<string, TagInfo>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            if (!_extractor!.TryExtract(tag.Name, out var value))
            {
                continue;
            }

            originals[value] = tag;
            extracted[value] = new TagInfo(value)
            {
                Digest = tag.Digest,
                CreatedAt = tag.CreatedAt,
                Labels = tag.Labels,
                Platforms = tag.Platforms,
            };
        }

        var selection = Strategy.Select(extracted.Values.ToList(), _settings);
        if (selection.Tag is { } chosen)
        {
            selection = TagSelection.Selected(originals[chosen.Name]);
        }

        return (selection, extracted.Count);
    }
}
