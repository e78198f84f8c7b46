namespace ImageUpdater.Strategies;

/// <summary>
/// What <see cref="TagSelector.Prepare"/> settled for one image: the strategy with its parsed constraint, the compiled
/// filters and extraction, the warnings, and the configuration error if any. Immutable and safe to share between
/// threads and between images with identical settings.
/// </summary>
public sealed class TagSelectionPlan : ITagSelectionPlan
{
    private readonly TagFilter _filter;
    private readonly TagExtractor? _extractor;
    private readonly IPreparedTagStrategy _prepared;
    private readonly string? _watchedTag;

    internal TagSelectionPlan(
        ImageUpdateSettings settings,
        ITagStrategy strategy,
        TagFilter filter,
        TagExtractor? extractor,
        IReadOnlyList<string> warnings,
        string? error)
    {
        Strategy = strategy;
        _filter = filter;
        _extractor = extractor;
        _prepared = strategy.Prepare(settings);
        _watchedTag = strategy.MetadataNeeds == TagMetadataNeeds.ConstraintTagDigest ? settings.Constraint : null;
        Warnings = warnings;
        Error = _prepared.Error ?? error;
    }

    /// <summary>Gets the resolved strategy.</summary>
    public ITagStrategy Strategy { get; }

    /// <inheritdoc/>
    string ITagSelectionPlan.Strategy => Strategy.Name;

    /// <summary>Gets what the strategy needs to know of tags beyond their names.</summary>
    public TagMetadataNeeds MetadataNeeds => Strategy.MetadataNeeds;

    /// <summary>Gets the warnings: a deprecated or unknown strategy name, an allow-tags value that allows nothing.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Gets the configuration error that stops this image (an invalid constraint or extraction), or null.</summary>
    public string? Error { get; }

    /// <summary>
    /// Tells whether a tag survives the allow/ignore filters and the extraction pattern, or which step removes it, so
    /// that metadata is only fetched for tags that can be chosen. For the digest strategy only the watched tag is a
    /// candidate.
    /// </summary>
    /// <param name="tag">The tag name.</param>
    /// <returns>The classification.</returns>
    public TagClassification Classify(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (_watchedTag is not null && !string.Equals(tag, _watchedTag, StringComparison.Ordinal))
        {
            return TagClassification.NotWatched;
        }

        var filtered = _filter.Classify(tag);
        if (filtered != TagClassification.Candidate)
        {
            return filtered;
        }

        return _extractor is null || _extractor.TryExtract(tag, out _) ? TagClassification.Candidate : TagClassification.NotExtractable;
    }

    /// <summary>Filters raw tags, applies the extraction and lets the strategy choose.</summary>
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
        var (choice, count) = ChooseCounted(candidates);
        return new TagSelectionOutcome(choice.Selection, Strategy.Name, Warnings, count);
    }

    /// <summary>Lets the strategy choose among candidates that <see cref="Classify"/> accepted, without filtering them again.</summary>
    /// <param name="candidates">The candidates, in the registry's order, with the metadata the strategy needs.</param>
    /// <returns>The choice; the chosen tag is always one of <paramref name="candidates"/>.</returns>
    public TagChoice Choose(IReadOnlyList<TagInfo> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return Error is not null ? new TagChoice(TagSelection.Failed(Error)) : ChooseCounted(candidates).Choice;
    }

    private (TagChoice Choice, int Count) ChooseCounted(IReadOnlyList<TagInfo> candidates) =>
        _extractor is null ? (_prepared.Choose(candidates), candidates.Count) : ChooseExtracted(candidates);

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
    private (TagChoice Choice, int Count) ChooseExtracted(IReadOnlyList<TagInfo> tags)
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

        var choice = _prepared.Choose(extracted.Values.ToList());
        if (choice.Selection.Tag is { } chosen)
        {
            choice = choice with { Selection = TagSelection.Selected(originals[chosen.Name]) };
        }

        return (choice, extracted.Count);
    }
}
