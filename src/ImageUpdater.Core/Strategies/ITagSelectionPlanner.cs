namespace ImageUpdater;

/// <summary>
/// Prepares an image's tag selection once, before any registry request: resolves the strategy, compiles the filters,
/// the extraction and the constraint. Implemented by the strategies package; the registry package's resolver depends
/// only on this interface, so providers do not depend on each other.
/// </summary>
public interface ITagSelectionPlanner
{
    /// <summary>Prepares the selection for one image's settings.</summary>
    /// <param name="settings">The image's settings.</param>
    /// <returns>The plan; check <see cref="ITagSelectionPlan.Error"/> before using it. Plans are immutable and may be shared.</returns>
    ITagSelectionPlan Prepare(ImageUpdateSettings settings);
}

/// <summary>
/// What was settled for one image's settings: the strategy, its parsed constraint, the compiled filters and the
/// warnings. Immutable and safe to share between threads and images with identical settings.
/// </summary>
public interface ITagSelectionPlan
{
    /// <summary>Gets the canonical name of the strategy (after aliases such as <c>latest</c> were mapped).</summary>
    string Strategy { get; }

    /// <summary>Gets what the strategy needs to know of tags beyond their names.</summary>
    TagMetadataNeeds MetadataNeeds { get; }

    /// <summary>Gets the warnings: a deprecated or unknown strategy name, an allow-tags value that allows nothing.</summary>
    IReadOnlyList<string> Warnings { get; }

    /// <summary>Gets the configuration error that stops this image (an invalid constraint or extraction), or <see langword="null"/>.</summary>
    string? Error { get; }

    /// <summary>
    /// Tells whether a tag is a candidate or which step removes it, so that metadata is only fetched for candidates
    /// and the funnel can say why no tag qualified.
    /// </summary>
    /// <param name="tag">The tag name.</param>
    /// <returns>The classification.</returns>
    TagClassification Classify(string tag);

    /// <summary>
    /// Lets the strategy choose among tags that <see cref="Classify"/> called candidates; they are not filtered again.
    /// </summary>
    /// <param name="candidates">The candidates, in the registry's order, with the metadata the strategy needs.</param>
    /// <returns>The choice, with the number of candidates the strategy could not read or found outside the constraint.</returns>
    TagChoice Choose(IReadOnlyList<TagInfo> candidates);
}

/// <summary>What <see cref="ITagSelectionPlan.Classify"/> says of one tag.</summary>
public enum TagClassification
{
    /// <summary>The tag is a candidate for the strategy.</summary>
    Candidate,

    /// <summary><c>allow-tags</c> does not match the tag.</summary>
    RemovedByAllowTags,

    /// <summary>An <c>ignore-tags</c> pattern matches the tag.</summary>
    RemovedByIgnoreTags,

    /// <summary>The extraction pattern does not match the tag.</summary>
    NotExtractable,

    /// <summary>The tag is not the one the digest strategy watches.</summary>
    NotWatched,
}
