using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace ImageUpdater.Strategies;

/// <summary>
/// Flux's <c>filterTags</c>: tags the pattern does not match (anywhere) are dropped; for the others the template is
/// expanded with the first match's groups, as Go's <c>Regexp.Expand</c> does (<c>$name</c>, <c>${name}</c>,
/// <c>$1</c>, <c>$$</c>; an unknown or unmatched group expands to nothing). An empty template keeps the tag.
/// </summary>
internal sealed class TagExtractor
{
    private readonly Re2Regex _pattern;

    private TagExtractor(Re2Regex pattern, string template)
    {
        _pattern = pattern;
        Template = template;
    }

    /// <summary>Gets the template.</summary>
    public string Template { get; }

    /// <summary>Compiles an extraction.</summary>
    /// <param name="extraction">The pattern (RE2) and template.</param>
    /// <param name="extractor">The extractor, when the pattern is valid.</param>
    /// <param name="error">Why the pattern is invalid, naming it; <see langword="null"/> when valid.</param>
    /// <returns><see langword="true"/> when the pattern is valid.</returns>
    public static bool TryCreate(TagExtraction extraction, [NotNullWhen(true)] out TagExtractor? extractor, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(extraction);
        extractor = null;
        if (!Re2Regex.TryCreate(extraction.Pattern ?? string.Empty, out var regex, out var reason))
        {
            error = "extract: " + reason;
            return false;
        }

        extractor = new TagExtractor(regex, extraction.Template ?? string.Empty);
        error = null;
        return true;
    }

    /// <summary>Extracts the value a tag is ordered by.</summary>
    /// <param name="tag">The tag.</param>
    /// <param name="value">The expanded template (the tag itself when the template is empty).</param>
    /// <returns><see langword="false"/> when the pattern does not match the tag.</returns>
    public bool TryExtract(string tag, [NotNullWhen(true)] out string? value)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var match = _pattern.Regex.Match(tag);
        if (!match.Success)
        {
            value = null;
            return false;
        }

        value = Template.Length == 0 ? tag : Expand(match);
        return true;
    }

    private string Expand(Match match)
    {
        var template = Template.AsSpan();
        var result = new StringBuilder(template.Length + 16);
        while (template.Length > 0)
        {
            var dollar = template.IndexOf('$');
            if (dollar < 0)
            {
                result.Append(template);
                break;
            }

            result.Append(template[..dollar]);
            template = template[dollar..];
            if (template.Length > 1 && template[1] == '$')
            {
                result.Append('$');
                template = template[2..];
                continue;
            }

            if (!TryReadReference(template, out var name, out var consumed))
            {
                // Malformed reference: Go keeps the '$' as text.
                result.Append('$');
                template = template[1..];
                continue;
            }

            template = template[consumed..];
            var group = FindGroup(match, name);
            if (group is { Success: true })
            {
                result.Append(group.ValueSpan);
            }
        }

        return result.ToString();
    }

    private Group? FindGroup(Match match, string name)
    {
        if (IsGroupNumber(name, out var number))
        {
            return number < match.Groups.Count ? match.Groups[number] : null;
        }

        for (var i = 1; i < _pattern.GroupNames.Count; i++)
        {
            if (string.Equals(_pattern.GroupNames[i], name, StringComparison.Ordinal))
            {
                return i < match.Groups.Count ? match.Groups[i] : null;
            }
        }

        return null;
    }

    // Go: all digits, no leading zero, below 1e8.
    private static bool IsGroupNumber(string name, out int number)
    {
        number = 0;
        if (name.Length > 1 && name[0] == '0')
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiDigit(c) || number >= 100_000_000)
            {
                return false;
            }

            number = (number * 10) + (c - '0');
        }

        return true;
    }

    // $name (longest run of letters, digits, '_') or ${name}; the template starts with '$'.
    private static bool TryReadReference(ReadOnlySpan<char> template, out string name, out int consumed)
    {
        name = string.Empty;
        consumed = 0;
        var braced = template.Length > 1 && template[1] == '{';
        var i = braced ? 2 : 1;
        var start = i;
        while (i < template.Length && (char.IsLetterOrDigit(template[i]) || template[i] == '_'))
        {
            i++;
        }

        if (i == start)
        {
            return false;
        }

        if (braced)
        {
            if (i >= template.Length || template[i] != '}')
            {
                return false;
            }

            name = template[start..i].ToString();
            consumed = i + 1;
            return true;
        }

        name = template[start..i].ToString();
        consumed = i;
        return true;
    }
}
