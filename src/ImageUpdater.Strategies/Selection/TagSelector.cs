namespace ImageUpdater.Strategies;

/// <summary>
/// Picks the tag an image is updated to: resolves the strategy by name, validates its constraint, applies the
/// allow/ignore filters and the optional extraction, and lets the strategy choose. Used by the engine and the CLI.
/// </summary>
/// <remarks>
/// Call <see cref="Prepare"/> once per image before any registry request: the plan says which metadata the strategy
/// needs (so a caller can refuse strategies needing registry metadata) and which tags to fetch it for.
/// </remarks>
public sealed class TagSelector
{
    private readonly TagStrategyRegistry _registry;

    /// <summary>Creates a selector over the registered strategies.</summary>
    /// <param name="registry">The strategies.</param>
    public TagSelector(TagStrategyRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    /// <summary>Resolves and validates everything about an image's settings that does not depend on its tags.</summary>
    /// <param name="settings">The image's settings.</param>
    /// <returns>The plan; check <see cref="TagSelectionPlan.Error"/> before using it.</returns>
    public TagSelectionPlan Prepare(ImageUpdateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var resolution = _registry.Resolve(settings.Strategy);
        var warnings = new List<string>(2);
        if (resolution.Warning is not null)
        {
            warnings.Add(resolution.Warning);
        }

        var strategy = resolution.Strategy;
        var filter = TagFilter.Create(settings.AllowTags, settings.IgnoreTags);
        if (filter.Problem is not null)
        {
            warnings.Add(filter.Problem);
        }

        var error = strategy.Validate(settings);
        TagExtractor? extractor = null;

        // The digest strategy watches a tag by its real name, so extraction does not apply to it.
        if (error is null && settings.Extract is { } extraction && strategy.MetadataNeeds != TagMetadataNeeds.ConstraintTagDigest
            && !TagExtractor.TryCreate(extraction, out extractor, out error))
        {
            extractor = null;
        }

        return new TagSelectionPlan(settings, strategy, filter, extractor, warnings, error);
    }

    /// <summary>Prepares and selects in one step, for callers that already have every tag's metadata.</summary>
    /// <param name="candidates">The image's tags, in the registry's order.</param>
    /// <param name="settings">The image's settings.</param>
    /// <returns>The outcome.</returns>
    public TagSelectionOutcome Select(IReadOnlyList<TagInfo> candidates, ImageUpdateSettings settings) =>
        Prepare(settings).Select(candidates);
}
