namespace ImageUpdater.Policies;

/// <summary>
/// Tag selection settings as the <c>ImageUpdater</c> resource writes them (<c>commonUpdateSettings</c>) and as
/// annotations produce them. Every field is optional: a <see langword="null"/> field inherits from the level above.
/// </summary>
public sealed record CommonUpdateSettingsSpec
{
    /// <summary>Gets the strategy name (<c>updateStrategy</c>).</summary>
    public string? UpdateStrategy { get; init; }

    /// <summary>Gets whether to update images the application does not run (<c>forceUpdate</c>).</summary>
    public bool? ForceUpdate { get; init; }

    /// <summary>Gets the allow-tags expression (<c>allowTags</c>).</summary>
    public string? AllowTags { get; init; }

    /// <summary>Gets the ignore-tags globs (<c>ignoreTags</c>).</summary>
    public IReadOnlyList<string>? IgnoreTags { get; init; }

    /// <summary>Gets the pull secret reference (<c>pullSecret</c>).</summary>
    public string? PullSecret { get; init; }

    /// <summary>Gets the wanted platforms (<c>platforms</c>).</summary>
    public IReadOnlyList<string>? Platforms { get; init; }

    /// <summary>Merges levels field by field: for each field the last non-null value wins.</summary>
    /// <param name="levels">The levels from the most general (global) to the most specific (image); nulls are skipped.</param>
    /// <returns>The merged settings.</returns>
    internal static CommonUpdateSettingsSpec Merge(params CommonUpdateSettingsSpec?[] levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var merged = new CommonUpdateSettingsSpec();
        foreach (var level in levels)
        {
            if (level is null)
            {
                continue;
            }

            merged = merged with
            {
                UpdateStrategy = level.UpdateStrategy ?? merged.UpdateStrategy,
                ForceUpdate = level.ForceUpdate ?? merged.ForceUpdate,
                AllowTags = level.AllowTags ?? merged.AllowTags,
                IgnoreTags = level.IgnoreTags ?? merged.IgnoreTags,
                PullSecret = level.PullSecret ?? merged.PullSecret,
                Platforms = level.Platforms ?? merged.Platforms,
            };
        }

        return merged;
    }

    /// <summary>Turns merged settings into the engine's settings, applying the defaults for unset fields.</summary>
    /// <param name="constraint">The constraint (the tag part of the configured image); <see langword="null"/> when none.</param>
    /// <returns>The settings.</returns>
    internal ImageUpdateSettings ToImageUpdateSettings(string? constraint) => new()
    {
        Strategy = UpdateStrategy ?? TagStrategyNames.Semver,
        Constraint = string.IsNullOrEmpty(constraint) ? null : constraint,
        ForceUpdate = ForceUpdate ?? false,
        AllowTags = AllowTags,
        IgnoreTags = IgnoreTags ?? [],
        PullSecret = string.IsNullOrEmpty(PullSecret) ? null : PullSecret,
        Platforms = Platforms ?? [],
    };
}
