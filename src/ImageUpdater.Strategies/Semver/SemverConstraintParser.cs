using System.Text.RegularExpressions;

namespace ImageUpdater.Strategies;

/// <summary>
/// Parses Masterminds/semver v3.4 constraints with the library's own regular expressions, so that every quirk of
/// its tokenizing (which whitespace separates, how hyphen ranges are rewritten) is reproduced.
/// </summary>
/// <remarks>
/// Go's <c>\s</c> is ASCII <c>[\t\n\f\r ]</c> and its <c>$</c> is the end of the text, so both are spelled out.
/// The expressions that capture are leftmost-first like Go's and run with a timeout; the one with nested
/// repetition (whole-group validation) only answers yes or no, so it uses the non-backtracking engine.
/// </remarks>
internal static partial class SemverConstraintParser
{
    private const string Ws = @"[\t\n\f\r ]";
    private const string Ops = @"=||!=|>|<|>=|=>|<=|=<|~|~>|\^";
    private const string Cv = @"v?([0-9|xX*]+)(\.[0-9|xX*]+)?(\.[0-9|xX*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?";
    private const int TimeoutMilliseconds = 1000;

    private static readonly Regex ValidGroup = new(
        $@"^({Ws}*({Ops}){Ws}*({Cv}){Ws}*)((?:{Ws}+|,{Ws}*)({Ops}){Ws}*({Cv}){Ws}*)*\z",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    public static bool TryParse(string text, out SemverCondition[][] alternatives, out string reason)
    {
        alternatives = [];
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
                    reason = $"improper constraint '{group}'";
                    return false;
                }

                var matches = FindCondition().Matches(group);
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

    // "1.2 - 1.4.5" becomes ">= 1.2, <= 1.4.5 " (v3.4 appends the space); like Go's strings.Replace(o, match, t, 1), the first occurrence of
    // the matched text in the string rewritten so far is replaced.
    internal static string RewriteRanges(string text)
    {
        var matches = HyphenRange().Matches(text);
        if (matches.Count == 0)
        {
            return text;
        }

        var result = text;
        foreach (Match match in matches)
        {
            var at = result.IndexOf(match.Value, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var replacement = ">= " + match.Groups[1].Value + ", <= " + match.Groups[11].Value + " ";
            result = string.Concat(result.AsSpan(0, at), replacement, result.AsSpan(at + match.Value.Length));
        }

        return result;
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

    private static bool IsWildcard(string part) => part is "x" or "X" or "*";

    [GeneratedRegex($@"{Ws}*({Cv}){Ws}+-{Ws}+({Cv}){Ws}*", RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex HyphenRange();

    [GeneratedRegex($@"({Ops}){Ws}*({Cv})", RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex FindCondition();

    [GeneratedRegex($@"^{Ws}*({Ops}){Ws}*({Cv}){Ws}*\z", RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex Condition();
}
