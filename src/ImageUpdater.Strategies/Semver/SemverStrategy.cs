namespace ImageUpdater.Strategies;

/// <summary>
/// <c>semver</c>: the highest version satisfying the constraint (Masterminds/semver v3.4 semantics). Tags that are
/// not versions are skipped; equal versions (such as <c>1.2.3</c> and <c>v1.2.3</c>) are ordered by their tag
/// ordinally and the last wins.
/// </summary>
public sealed class SemverStrategy : ITagStrategy
{
    // Images usually keep their constraint between cycles; keeping the last parse avoids re-parsing it.
    private SemverConstraint? _lastConstraint;

    /// <inheritdoc/>
    public string Name => TagStrategyNames.Semver;

    /// <inheritdoc/>
    public TagMetadataNeeds MetadataNeeds => TagMetadataNeeds.None;

    /// <inheritdoc/>
    public string? Validate(ImageUpdateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return TryGetConstraint(settings.Constraint, out _, out var error) ? null : error;
    }

    /// <inheritdoc/>
    public TagSelection Select(IReadOnlyList<TagInfo> candidates, ImageUpdateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(settings);
        if (!TryGetConstraint(settings.Constraint, out var constraint, out var error))
        {
            return TagSelection.Failed(error);
        }

        var best = -1;
        SemverVersion bestVersion = default;
        for (var i = 0; i < candidates.Count; i++)
        {
            var name = candidates[i].Name;
            if (!SemverVersion.TryParse(name, out var version) || !constraint.IsSatisfiedBy(version))
            {
                continue;
            }

            if (best < 0 || IsAbove(version, name, bestVersion, candidates[best].Name))
            {
                best = i;
                bestVersion = version;
            }
        }

        return best < 0 ? TagSelection.None : TagSelection.Selected(candidates[best]);
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

    private bool TryGetConstraint(string? text, out SemverConstraint constraint, out string error)
    {
        var last = _lastConstraint;
        if (last is not null && string.Equals(last.Text, text, StringComparison.Ordinal))
        {
            constraint = last;
            error = string.Empty;
            return true;
        }

        if (SemverConstraint.TryParse(text, out var parsed, out var parseError))
        {
            _lastConstraint = parsed;
            constraint = parsed;
            error = string.Empty;
            return true;
        }

        constraint = SemverConstraint.Any;
        error = parseError;
        return false;
    }
}
