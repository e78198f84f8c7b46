using System.Text;
using System.Text.RegularExpressions;

namespace ImageUpdater.Strategies;

/// <summary>
/// Parses Masterminds/semver v3.4 constraints with the library's own regular expressions, so that every quirk of
/// its tokenizing (which whitespace separates, how hyphen ranges are rewritten) is reproduced.
/// </summary>
/// <remarks>
/// Go's <c>\s</c> is ASCII <c>[\t\n\f\r ]</c> and its <c>$</c> is the end of the text, so both are spelled out.
/// The expressions that scan the whole constraint use the non-backtracking engine, whose matches are the same
/// leftmost-first ones as Go's but found in linear time (with backtracking, a whitespace loop rescans a long run of
/// blanks from every position in it); the anchored one that splits a single condition runs with a timeout.
/// </remarks>
internal static partial class SemverConstraintParser
{
    private const string Ws = @"[\t\n\f\r ]";
    private const string Ops = @"=||!=|>|<|>=|=>|<=|=<|~|~>|\^";
    private const string Cv = @"v?([0-9|xX*]+)(\.[0-9|xX*]+)?(\.[0-9|xX*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?";
    private const int TimeoutMilliseconds = 1000;

    /// <summary>
    /// The longest constraint parsed, in characters: 256 KiB, the most a Kubernetes object's annotations can hold,
    /// so no constraint written in an annotation is refused while parsing time and memory stay bounded.
    /// </summary>
    internal const int MaxLength = 256 * 1024;

    private static readonly Regex ValidGroup = new(
        $@"^({Ws}*({Ops}){Ws}*({Cv}){Ws}*)((?:{Ws}+|,{Ws}*)({Ops}){Ws}*({Cv}){Ws}*)*\z",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    private static readonly Regex HyphenRange = new(
        $@"{Ws}*({Cv}){Ws}+-{Ws}+({Cv}){Ws}*",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    private static readonly Regex FindCondition = new(
        $@"({Ops}){Ws}*({Cv})",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    public static bool TryParse(string text, out SemverCondition[][] alternatives, out string reason)
    {
        alternatives = [];
        if (text.Length > MaxLength)
        {
            reason = $"the constraint is {text.Length} characters long, more than the limit of {MaxLength}";
            return false;
        }

        try
        {
            var rewritten = RewriteRanges(text);
            var groups = rewritten.Split("||");
            var result = new SemverCondition[groups.Length][];
            for (var g = 0; g < groups.Length; g++)
            {
                var group = groups[g];
                if (!ValidGroup.IsMatch(group))
                {
                    reason = $"improper constraint '{Excerpt(group)}'";
                    return false;
                }

                var matches = FindCondition.Matches(group);
                var conditions = new SemverCondition[matches.Count];
                for (var i = 0; i < matches.Count; i++)
                {
                    if (!TryParseCondition(matches[i].Value, out conditions[i], out reason))
                    {
                        return false;
                    }
                }

                result[g] = conditions;
            }

            alternatives = result;
            reason = string.Empty;
            return true;
        }
        catch (RegexMatchTimeoutException)
        {
            reason = "the constraint is too complex to parse";
            return false;
        }
    }

    // "1.2 - 1.4.5" becomes ">= 1.2, <= 1.4.5 " (v3.4 appends the space). Go replaces the first occurrence of each
    // matched text in the string rewritten so far (strings.Replace(o, match, t, 1)), which costs quadratic time; here
    // each match is replaced where it was found, in one pass. The two differ only when an earlier occurrence runs
    // into a previous replacement or its leftover "- x" text, and then both results hold an improper group, so
    // the same constraints are accepted and rejected.
    internal static string RewriteRanges(string text)
    {
        var matches = HyphenRange.Matches(text);
        if (matches.Count == 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length + (matches.Count * 8));
        var copied = 0;
        foreach (Match match in matches)
        {
            result.Append(text, copied, match.Index - copied)
                .Append(">= ").Append(match.Groups[1].ValueSpan).Append(", <= ").Append(match.Groups[11].ValueSpan).Append(' ');
            copied = match.Index + match.Length;
        }

        return result.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool TryParseCondition(string text, out SemverCondition condition, out string reason)
    {
        condition = null!;
        var m = Condition().Match(text);
        if (!m.Success)
        {
            reason = $"improper constraint '{text}'";
            return false;
        }

        var op = m.Groups[1].Value switch
        {
            "" or "=" => SemverOperator.TildeOrEqual,
            "!=" => SemverOperator.NotEqual,
            ">" => SemverOperator.GreaterThan,
            "<" => SemverOperator.LessThan,
            ">=" or "=>" => SemverOperator.GreaterThanOrEqual,
            "<=" or "=<" => SemverOperator.LessThanOrEqual,
            "~" or "~>" => SemverOperator.Tilde,
            _ => SemverOperator.Caret,
        };

        var major = m.Groups[3].Value;
        var minor = m.Groups[4].Value;
        var patch = m.Groups[5].Value;
        var pre = m.Groups[6].Value;
        bool dirty = false, minorDirty = false, patchDirty = false;
        string versionText;
        if (IsWildcard(major) || major.Length == 0)
        {
            versionText = "0.0.0" + pre;
            dirty = true;
        }
        else if (IsWildcard(minor.TrimStart('.')) || minor.Length == 0)
        {
            versionText = major + ".0.0" + pre;
            dirty = minorDirty = true;
        }
        else if (IsWildcard(patch.TrimStart('.')) || patch.Length == 0)
        {
            versionText = major + minor + ".0" + pre;
            dirty = patchDirty = true;
        }
        else
        {
            versionText = m.Groups[2].Value;
        }

        if (!SemverVersion.TryParse(versionText, out var version))
        {
            reason = $"'{text}' does not name a valid version";
            return false;
        }

        condition = new SemverCondition(op, version, dirty, minorDirty, patchDirty);
        reason = string.Empty;
        return true;
    }

    // A long constraint is named by its start, so that an error stays one readable line.
    internal static string Excerpt(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "...");

    private static bool IsWildcard(string part) => part is "x" or "X" or "*";

    [GeneratedRegex($@"^{Ws}*({Ops}){Ws}*({Cv}){Ws}*\z", RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex Condition();
}
