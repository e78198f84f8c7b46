namespace ImageUpdater;

/// <summary>
/// Picks the tag an image should be updated to from candidate tags that have already passed the allow/ignore
/// filters. Register custom strategies with <c>AddTagStrategy&lt;T&gt;()</c>.
/// </summary>
public interface ITagStrategy
{
    /// <summary>Gets the canonical, lower-case name the strategy is selected by.</summary>
    string Name { get; }

    /// <summary>Gets what the strategy needs to know of each tag beyond its name.</summary>
    TagMetadataNeeds MetadataNeeds { get; }

    /// <summary>
    /// Checks the constraint once per image, before any registry request. Returns an error message that names the
    /// constraint, or <see langword="null"/> when it is valid.
    /// </summary>
    /// <param name="settings">The image's settings.</param>
    /// <returns>The error, or <see langword="null"/>.</returns>
    string? Validate(ImageUpdateSettings settings);

    /// <summary>Picks the tag to update to.</summary>
    /// <param name="candidates">The filtered tags, in the registry's order, with the metadata asked for.</param>
    /// <param name="settings">The image's settings.</param>
    /// <returns>The chosen tag, no tag, or an error.</returns>
    TagSelection Select(IReadOnlyList<TagInfo> candidates, ImageUpdateSettings settings);

    /// <summary>
    /// Prepares the strategy for one image's settings: what it parses (a constraint) belongs to the returned value, not
    /// to the strategy, which is a shared singleton. The default validates and then calls <see cref="Select"/>.
    /// </summary>
    /// <param name="settings">The image's settings.</param>
    /// <returns>The prepared strategy; check <see cref="IPreparedTagStrategy.Error"/> before using it.</returns>
    IPreparedTagStrategy Prepare(ImageUpdateSettings settings) => new PreparedTagStrategy(this, settings);
}

/// <summary>A strategy prepared for one image's settings, holding what it parsed from them.</summary>
public interface IPreparedTagStrategy
{
    /// <summary>Gets the error in the settings (an invalid constraint), or <see langword="null"/>.</summary>
    string? Error { get; }

    /// <summary>Picks the tag to update to.</summary>
    /// <param name="candidates">The filtered tags, in the registry's order, with the metadata asked for.</param>
    /// <returns>The choice and how many candidates were set aside.</returns>
    TagChoice Choose(IReadOnlyList<TagInfo> candidates);
}

/// <summary>What a strategy needs to know of tags beyond their names.</summary>
public enum TagMetadataNeeds
{
    /// <summary>Names only; no manifest is fetched.</summary>
    None,

    /// <summary>Creation time, labels and platforms of every candidate (manifest and config blob).</summary>
    BuildMetadata,

    /// <summary>The digest of the one tag named by the constraint.</summary>
    ConstraintTagDigest,
}
