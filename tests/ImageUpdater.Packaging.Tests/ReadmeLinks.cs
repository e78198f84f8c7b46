using System.Text.RegularExpressions;

namespace ImageUpdater.Packaging.Tests;

/// <summary>
/// Finds the links of a Markdown README that break on a package page: there is no repository around the README on
/// nuget.org, so every link must be absolute (or an anchor within the page).
/// </summary>
internal static partial class ReadmeLinks
{
    /// <summary>Each link target that is neither absolute (<c>scheme:</c>) nor an in-page anchor, with its line number.</summary>
    public static IReadOnlyList<string> Relative(string markdown)
    {
        var found = new List<string>();
        var lines = markdown.Split('\n');
        var inFence = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence)
            {
                continue;
            }

            foreach (var target in Targets(CodeSpan().Replace(lines[i], string.Empty)))
            {
                if (!AbsoluteOrAnchor().IsMatch(target))
                {
                    found.Add($"line {i + 1}: {target}");
                }
            }
        }

        return found;
    }

    private static IEnumerable<string> Targets(string line)
    {
        foreach (Match m in InlineLink().Matches(line))
        {
            yield return m.Groups["target"].Value;
        }

        foreach (Match m in ReferenceDefinition().Matches(line))
        {
            yield return m.Groups["target"].Value;
        }

        foreach (Match m in HtmlLink().Matches(line))
        {
            yield return m.Groups["target"].Value;
        }
    }

    // [text](target "title") and ![alt](target): the target up to whitespace or the closing parenthesis.
    [GeneratedRegex(@"\]\(\s*<?(?<target>[^)\s>]+)")]
    private static partial Regex InlineLink();

    // [label]: target
    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*<?(?<target>[^\s>]+)")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"\b(?:href|src)\s*=\s*[""'](?<target>[^""']+)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlLink();

    [GeneratedRegex("`+[^`]*`+")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|#)")]
    private static partial Regex AbsoluteOrAnchor();
}
