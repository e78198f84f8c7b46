using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace ImageUpdater.Strategies;

/// <summary>
/// A regular expression written in RE2 syntax (Go's <c>regexp</c>, used by the reference and by Flux), compiled
/// for .NET's non-backtracking engine so that no pattern can make matching take more than linear time.
/// </summary>
/// <remarks>
/// The translation keeps RE2's meaning (checked against Go's <c>regexp</c> by a golden corpus):
/// <c>(?P&lt;name&gt;...)</c> groups (a name may repeat), <c>\Q...\E</c>, <c>\x{...}</c>, octal escapes, POSIX
/// classes such as <c>[[:alpha:]]</c>, ASCII-only <c>\d \s \w</c>, a <c>-</c> beside a class escape in a bracket
/// expression as a literal (<c>[\w-.]</c>), <c>$</c> as the end of the text, flags scoped to their group, the
/// ungreedy flag <c>U</c>, and Go's group numbering. Syntax RE2 rejects is rejected: backreferences, lookaround,
/// atomic groups, possessive and nested repetition, <c>\Z</c> and other unknown escapes, repeat counts above 1000.
/// What .NET cannot express is refused with an error rather than given another meaning: script classes such as
/// <c>\p{Greek}</c>, and a bracket expression member that starts above U+FFFF. <c>\b</c> and <c>\B</c> treat
/// non-ASCII letters as word characters, which no image tag (ASCII) can show.
/// </remarks>
internal sealed class Re2Regex
{
    // Policies repeat a few patterns across thousands of images, and a non-backtracking expression costs tens of
    // kilobytes and a translation to build: each distinct pattern (valid or not) is compiled once, the least recently
    // used making room when the cache is full. Instances are immutable and Regex is safe to share between threads.
    private const int MaxCachedPatterns = 512;
    private static readonly ImageUpdater.Caching.LruCache<string, (Re2Regex? Regex, string? Error)> Compiled = new(MaxCachedPatterns, StringComparer.Ordinal);

    private Re2Regex(string pattern, Regex regex, IReadOnlyList<string?> groupNames)
    {
        Pattern = pattern;
        Regex = regex;
        GroupNames = groupNames;
    }

    /// <summary>Gets the pattern as written, in RE2 syntax.</summary>
    public string Pattern { get; }

    /// <summary>Gets the compiled .NET expression; its numbered groups are RE2's groups, in the same order.</summary>
    public Regex Regex { get; }

    /// <summary>Gets the name of each capturing group by RE2 group number (index 0 is the whole match); null when unnamed.</summary>
    public IReadOnlyList<string?> GroupNames { get; }

    /// <summary>Compiles an RE2 pattern.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="regex">The compiled expression, when valid.</param>
    /// <param name="error">Why the pattern is invalid, naming it; <see langword="null"/> when valid.</param>
    /// <returns><see langword="true"/> when the pattern is valid RE2 that .NET can run.</returns>
    public static bool TryCreate(string pattern, [NotNullWhen(true)] out Re2Regex? regex, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (!Compiled.TryGet(pattern, out var compiled))
        {
            compiled = Compile(pattern);
            Compiled.Set(pattern, compiled);
        }

        if (compiled.Regex is { } valid)
        {
            regex = valid;
            error = null;
            return true;
        }

        regex = null;
        error = compiled.Error!;
        return false;
    }

    /// <summary>Whether the expression matches anywhere in <paramref name="input"/> (RE2 <c>MatchString</c>).</summary>
    /// <param name="input">The text.</param>
    /// <returns><see langword="true"/> on a match.</returns>
    public bool IsMatch(string input) => Regex.IsMatch(input);

    /// <summary>Returns the pattern as written.</summary>
    /// <returns>The pattern.</returns>
    public override string ToString() => Pattern;

    private static (Re2Regex? Regex, string? Error) Compile(string pattern)
    {
        if (!Re2Translator.TryTranslate(pattern, out var translated, out var names, out var reason))
        {
            return (null, $"Invalid regular expression '{pattern}': {reason}.");
        }

        try
        {
            var compiled = new Regex(translated, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            return (new Re2Regex(pattern, compiled, names), null);
        }
        catch (ArgumentException ex)
        {
            return (null, $"Invalid regular expression '{pattern}': {ex.Message}");
        }
        catch (NotSupportedException ex)
        {
            return (null, $"Invalid regular expression '{pattern}': {ex.Message}");
        }
    }
}
