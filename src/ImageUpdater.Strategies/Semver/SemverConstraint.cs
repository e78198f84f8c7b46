using System.Diagnostics.CodeAnalysis;

namespace ImageUpdater.Strategies;

/// <summary>
/// A version constraint in the Masterminds/semver v3.4 dialect: <c>||</c> separates alternatives; within one,
/// <c>,</c> or whitespace joins conditions that must all hold; operators <c>= != &gt; &lt; &gt;= =&gt; &lt;= =&lt;
/// ~ ~&gt; ^</c>; <c>x</c>, <c>X</c> and <c>*</c> wildcards; hyphen ranges <c>1.2 - 1.4.5</c>. Pre-release versions
/// only satisfy an alternative that names a pre-release in one of its conditions (such as <c>2.x-0</c>).
/// </summary>
/// <remarks>
/// Written here because no library served to this project implements the dialect: NuGet.Versioning's ranges have
/// other syntax, let pre-releases in, and <c>FindBestMatch</c> picks the lowest match.
/// </remarks>
public sealed class SemverConstraint
{
    // Thousands of policies share a handful of constraints: each distinct text is parsed once (valid or not), the
    // least recently used making room when the cache is full. A constraint is immutable, so sharing it is safe.
    private const int MaxCachedConstraints = 512;
    private static readonly ImageUpdater.Caching.LruCache<string, (SemverConstraint? Constraint, string? Error)> Parsed = new(MaxCachedConstraints, StringComparer.Ordinal);

    private readonly SemverCondition[][] _alternatives;
    private readonly bool[] _alternativeAdmitsPrerelease;

    private SemverConstraint(string text, SemverCondition[][] alternatives, bool[] admitsPrerelease)
    {
        Text = text;
        _alternatives = alternatives;
        _alternativeAdmitsPrerelease = admitsPrerelease;
    }

    /// <summary>Gets the constraint <c>*</c>: every release version, no pre-release.</summary>
    public static SemverConstraint Any { get; } = Parse("*");

    /// <summary>Gets the constraint as written.</summary>
    public string Text { get; }

    /// <summary>
    /// Parses a constraint. <see langword="null"/> or empty text means <c>*</c> (every release version), as the
    /// reference substitutes <c>*</c> when no constraint is given. Whitespace-only text is not empty: like
    /// Masterminds' <c>NewConstraint</c>, it is an invalid constraint.
    /// </summary>
    /// <param name="text">The constraint text.</param>
    /// <param name="constraint">The constraint, when valid.</param>
    /// <param name="error">Why the text is invalid, naming it; <see langword="null"/> when valid.</param>
    /// <returns><see langword="true"/> when the text is a valid constraint.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SemverConstraint? constraint, [NotNullWhen(false)] out string? error)
    {
        constraint = null;
        if (string.IsNullOrEmpty(text))
        {
            constraint = Any;
            error = null;
            return true;
        }

        if (!Parsed.TryGet(text, out var parsed))
        {
            parsed = Build(text);
            Parsed.Set(text, parsed);
        }

        if (parsed.Constraint is { } valid)
        {
            constraint = valid;
            error = null;
            return true;
        }

        error = parsed.Error!;
        return false;
    }

    private static (SemverConstraint? Constraint, string? Error) Build(string text)
    {
        if (!SemverConstraintParser.TryParse(text, out var alternatives, out var reason))
        {
            return (null, $"Invalid semver constraint '{SemverConstraintParser.Excerpt(text)}': {reason}.");
        }

        var admitsPrerelease = new bool[alternatives.Length];
        for (var i = 0; i < alternatives.Length; i++)
        {
            foreach (var condition in alternatives[i])
            {
                // Masterminds v3.4: one condition naming a pre-release admits pre-releases for its whole AND group.
                admitsPrerelease[i] |= condition.Version.IsPrerelease;
            }
        }

        return (new SemverConstraint(text, alternatives, admitsPrerelease), null);
    }

    /// <summary>Parses a constraint.</summary>
    /// <param name="text">The constraint text.</param>
    /// <returns>The constraint.</returns>
    /// <exception cref="FormatException">The constraint is invalid; the message names it.</exception>
    public static SemverConstraint Parse(string? text) =>
        TryParse(text, out var constraint, out var error) ? constraint : throw new FormatException(error);

    /// <summary>Whether a version satisfies the constraint, as Masterminds' <c>Constraints.Check</c> decides.</summary>
    /// <param name="version">The version.</param>
    /// <returns><see langword="true"/> when some alternative is satisfied.</returns>
    public bool IsSatisfiedBy(in SemverVersion version)
    {
        for (var i = 0; i < _alternatives.Length; i++)
        {
            var includePrerelease = _alternativeAdmitsPrerelease[i];
            var satisfied = true;
            foreach (var condition in _alternatives[i])
            {
                if (!condition.IsSatisfiedBy(version, includePrerelease))
                {
                    satisfied = false;
                    break;
                }
            }

            if (satisfied)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns the constraint as written.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Text;
}
