namespace ImageUpdater;

/// <summary>
/// How one image is updated: the strategy, its constraint, the tag filters and the platforms. Immutable; sources
/// (annotations, custom resources, the command line) build one per image.
/// </summary>
public sealed record ImageUpdateSettings
{
    /// <summary>Gets the default settings: semver, no constraint, every tag allowed.</summary>
    public static ImageUpdateSettings Default { get; } = new();

    /// <summary>Gets the strategy name as written (case-insensitive; aliases allowed).</summary>
    /// <value>The default value is <c>semver</c>.</value>
    public string Strategy { get; init; } = TagStrategyNames.Semver;

    /// <summary>
    /// Gets the strategy's constraint: a semver range for <c>semver</c>, the watched tag for <c>digest</c>; empty
    /// when none.
    /// </summary>
    public string? Constraint { get; init; }

    /// <summary>Gets the allow-tags expression: empty or <c>any</c> for every tag, or <c>regexp:&lt;RE2&gt;</c>.</summary>
    public string? AllowTags { get; init; }

    /// <summary>Gets the ignore-tags globs (Go <c>path/filepath.Match</c> syntax).</summary>
    public IReadOnlyList<string> IgnoreTags { get; init; } = [];

    /// <summary>Gets the wanted platforms (<c>os/arch[/variant]</c>); empty means the running process's platform.</summary>
    public IReadOnlyList<string> Platforms { get; init; } = [];

    /// <summary>Gets a value indicating whether the image is updated even when the application does not run it.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ForceUpdate { get; init; }

    /// <summary>Gets the credential spec for pulling this image, overriding the registry's; empty when none.</summary>
    public string? PullSecret { get; init; }

    /// <summary>
    /// Gets the optional extraction applied before ordering (as Flux's <c>filterTags.extract</c>); <see langword="null"/>
    /// when tags are ordered as they are.
    /// </summary>
    public TagExtraction? Extract { get; init; }
}

/// <summary>
/// Orders tags by a value extracted from them: tags that <see cref="Pattern"/> does not match are dropped, the others
/// are ordered by <see cref="Template"/> expanded with the match's groups, and the original tag is returned.
/// </summary>
/// <param name="Pattern">A regular expression (RE2 syntax) with named groups.</param>
/// <param name="Template">The value to order by, with <c>$name</c> or <c>${name}</c> references to groups.</param>
public sealed record TagExtraction(string Pattern, string Template);
