namespace ImageUpdater.Strategies;

/// <summary>The operators of the Masterminds dialect, after folding their synonyms.</summary>
internal enum SemverOperator
{
    TildeOrEqual,
    NotEqual,
    GreaterThan,
    LessThan,
    GreaterThanOrEqual,
    LessThanOrEqual,
    Tilde,
    Caret,
}

/// <summary>
/// One condition such as <c>&gt;=1.2</c> or <c>~1.x</c>: the operator, the version with wildcards replaced by 0,
/// and which parts were wildcards or missing ("dirty" in Masterminds' terms).
/// </summary>
internal sealed class SemverCondition(SemverOperator op, SemverVersion version, bool dirty, bool minorDirty, bool patchDirty)
{
    public SemverOperator Operator { get; } = op;

    public SemverVersion Version { get; } = version;

    public bool Dirty { get; } = dirty;

    public bool MinorDirty { get; } = minorDirty;

    public bool PatchDirty { get; } = patchDirty;

    // Each branch mirrors the matching constraint function of Masterminds/semver v3.4 (constraints.go).
    public bool IsSatisfiedBy(in SemverVersion v, bool includePrerelease)
    {
        // Pre-release admission is decided for the whole AND group and passed in.
        if (v.IsPrerelease && !includePrerelease)
        {
            return false;
        }

        return Operator switch
        {
            SemverOperator.TildeOrEqual => Dirty ? Tilde(v) : SemverVersion.Compare(v, Version) == 0,
            SemverOperator.NotEqual => NotEqual(v),
            SemverOperator.GreaterThan => GreaterThan(v),
            SemverOperator.LessThan => SemverVersion.Compare(v, Version) < 0,
            SemverOperator.GreaterThanOrEqual => SemverVersion.Compare(v, Version) >= 0,
            SemverOperator.LessThanOrEqual => LessThanOrEqual(v),
            SemverOperator.Tilde => Tilde(v),
            SemverOperator.Caret => Caret(v),
            _ => false,
        };
    }

    private bool NotEqual(in SemverVersion v)
    {
        var c = Version;
        if (Dirty)
        {
            if (c.Major != v.Major)
            {
                return true;
            }

            if (c.Minor != v.Minor && !MinorDirty)
            {
                return true;
            }

            if (MinorDirty)
            {
                return false;
            }

            if (c.Patch != v.Patch && !PatchDirty)
            {
                return true;
            }

            if (PatchDirty)
            {
                if (v.IsPrerelease || c.IsPrerelease)
                {
                    return SemverVersion.CompareIdentifiers(v.PrereleaseSpan, c.PrereleaseSpan) != 0;
                }

                return false;
            }
        }

        return SemverVersion.Compare(v, c) != 0;
    }

    private bool GreaterThan(in SemverVersion v)
    {
        var c = Version;
        if (!Dirty)
        {
            return SemverVersion.Compare(v, c) > 0;
        }

        if (v.Major > c.Major)
        {
            return true;
        }

        if (v.Major < c.Major || MinorDirty)
        {
            // ">11" needs 12 or higher.
            return false;
        }

        if (PatchDirty)
        {
            // ">11.1" needs 11.2 or higher.
            return v.Minor > c.Minor;
        }

        return SemverVersion.Compare(v, c) > 0;
    }

    // A dirty upper bound is inclusive of the whole range it names: "<=1.2" admits 1.2.99.
    private bool LessThanOrEqual(in SemverVersion v)
    {
        var c = Version;
        if (!Dirty)
        {
            return SemverVersion.Compare(v, c) <= 0;
        }

        if (v.Major > c.Major)
        {
            return false;
        }

        return !(v.Major == c.Major && v.Minor > c.Minor && !MinorDirty);
    }

    private bool Tilde(in SemverVersion v)
    {
        var c = Version;
        if (SemverVersion.Compare(v, c) < 0)
        {
            return false;
        }

        // "~0.0.0" and "~*" accept everything from the lower bound up.
        if (c.Major == 0 && c.Minor == 0 && c.Patch == 0 && !MinorDirty && !PatchDirty)
        {
            return true;
        }

        if (v.Major != c.Major)
        {
            return false;
        }

        return v.Minor == c.Minor || MinorDirty;
    }

    private bool Caret(in SemverVersion v)
    {
        var c = Version;
        if (SemverVersion.Compare(v, c) < 0)
        {
            return false;
        }

        if (c.Major > 0 || MinorDirty)
        {
            return v.Major == c.Major;
        }

        if (v.Major > 0)
        {
            return false;
        }

        if (c.Minor > 0 || PatchDirty)
        {
            return v.Minor == c.Minor;
        }

        if (v.Minor > 0)
        {
            return false;
        }

        return v.Patch == c.Patch;
    }
}
