using ImageUpdater.Caching;

namespace ImageUpdater.Strategies;

/// <summary>
/// Picks the tag an image is updated to: resolves the strategy by name, validates its constraint, applies the
/// allow/ignore filters and the optional extraction, and lets the strategy choose. Used by the image resolver and by
/// SDK callers that have their own tag lists.
/// </summary>
/// <remarks>
/// Call <see cref="Prepare"/> once per image before any registry request: the plan says which metadata the strategy
/// needs (so a caller can refuse strategies needing registry metadata) and which tags to fetch it for. Plans for
/// identical settings are shared, so each distinct constraint, expression and glob list is compiled once.
/// </remarks>
public sealed class TagSelector : ITagSelectionPlanner
{
    // Enough for every distinct policy of a large installation; when full the least recently used plan makes room, so
    // a stream of one-off settings never grows the cache and never evicts the plans in steady use.
    private const int MaxCachedPlans = 1024;

    private readonly TagStrategyRegistry _registry;
    private readonly LruCache<PlanKey, TagSelectionPlan> _plans = new(MaxCachedPlans);

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
        var key = PlanKey.Of(settings);
        if (_plans.TryGet(key, out var cached))
        {
            return cached;
        }

        var plan = Build(settings);
        _plans.Set(key, plan);
        return plan;
    }

    /// <inheritdoc/>
    ITagSelectionPlan ITagSelectionPlanner.Prepare(ImageUpdateSettings settings) => Prepare(settings);

    /// <summary>Prepares and selects in one step, for callers that already have every tag's metadata.</summary>
    /// <param name="candidates">The image's tags, in the registry's order; they are filtered here.</param>
    /// <param name="settings">The image's settings.</param>
    /// <returns>The outcome.</returns>
    public TagSelectionOutcome Select(IReadOnlyList<TagInfo> candidates, ImageUpdateSettings settings) =>
        Prepare(settings).Select(candidates);

    private TagSelectionPlan Build(ImageUpdateSettings settings)
    {
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

        string? error = null;
        TagExtractor? extractor = null;

        // The digest strategy watches a tag by its real name, so extraction does not apply to it.
        if (settings.Extract is { } extraction && strategy.MetadataNeeds != TagMetadataNeeds.ConstraintTagDigest
            && !TagExtractor.TryCreate(extraction, out extractor, out error))
        {
            extractor = null;
        }

        return new TagSelectionPlan(settings, strategy, filter, extractor, warnings, error);
    }

    /// <summary>The settings a plan depends on (not platforms, force-update or pull secret), compared by value.</summary>
    private readonly record struct PlanKey(string Strategy, string? Constraint, string? AllowTags, string IgnoreTags, TagExtraction? Extract)
    {
        public static PlanKey Of(ImageUpdateSettings settings) =>
            new(settings.Strategy, settings.Constraint, settings.AllowTags, string.Join('\n', settings.IgnoreTags), settings.Extract);
    }
}
