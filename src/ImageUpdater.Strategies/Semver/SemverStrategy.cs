namespace ImageUpdater.Strategies;

/// <summary>
/// <c>semver</c>: the highest version satisfying the constraint (Masterminds/semver v3.4 semantics). Tags that are
/// not versions are skipped; equal versions (such as <c>1.2.3</c> and <c>v1.2.3</c>) are ordered by their tag
/// ordinally and the last wins.
/// </summary>
public sealed class SemverStrategy : ITagStrategy
{
    /// <inheritdoc/>
    public string Name => TagStrategyNames.Semver;

    /// <inheritdoc/>
    public TagMetadataNeeds MetadataNeeds => TagMetadataNeeds.None;

    /// <inheritdoc/>
    public string? Validate(ImageUpdateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return SemverConstraint.TryParse(settings.Constraint, out _, out var error) ? null : error;
    }

    /// <inheritdoc/>
    public TagSelection Select(IReadOnlyList<TagInfo> candidates, ImageUpdateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return Prepare(settings).Choose(candidates).Selection;
    }

    /// <summary>Parses the constraint once; the returned value owns it.</summary>
    /// <param name="settings">The image's settings.</param>
    /// <returns>The prepared strategy.</returns>
    public IPreparedTagStrategy Prepare(ImageUpdateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return SemverConstraint.TryParse(settings.Constraint, out var constraint, out var error)
            ? new Prepared(constraint, null)
            : new Prepared(SemverConstraint.Any, error);
    }

    /// <summary>The strategy's total order: version precedence, then the tag ordinally.</summary>
    /// <param name="left">The left version.</param>
    /// <param name="right">The right version.</param>
    /// <returns>Negative, zero or positive.</returns>
    public static int Compare(in SemverVersion left, in SemverVersion right)
    {
        var d = SemverVersion.Compare(left, right);
        return d != 0 ? d : string.CompareOrdinal(left.Original, right.Original);
    }

    private static bool IsAbove(in SemverVersion version, string name, in SemverVersion bestVersion, string bestName)
    {
        var d = SemverVersion.Compare(version, bestVersion);
        return d > 0 || (d == 0 && string.CompareOrdinal(name, bestName) > 0);
    }

    private sealed class Prepared(SemverConstraint constraint, string? error) : IPreparedTagStrategy
    {
        public string? Error => error;

        public TagChoice Choose(IReadOnlyList<TagInfo> candidates)
        {
            ArgumentNullException.ThrowIfNull(candidates);
            if (error is not null)
            {
                return new TagChoice(TagSelection.Failed(error));
            }

            var best = -1;
            var unparseable = 0;
            var outside = 0;
            SemverVersion bestVersion = default;
            for (var i = 0; i < candidates.Count; i++)
            {
                var name = candidates[i].Name;
                if (!SemverVersion.TryParse(name, out var version))
                {
                    unparseable++;
                    continue;
                }

                if (!constraint.IsSatisfiedBy(version))
                {
                    outside++;
                    continue;
                }

                if (best < 0 || IsAbove(version, name, bestVersion, candidates[best].Name))
                {
                    best = i;
                    bestVersion = version;
                }
            }

            var selection = best < 0 ? TagSelection.None : TagSelection.Selected(candidates[best]);
            return new TagChoice(selection, unparseable, outside);
        }
    }
}
