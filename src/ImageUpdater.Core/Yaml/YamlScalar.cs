using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace ImageUpdater.Yaml;

/// <summary>
/// Renders a string as YAML scalar text in a given style, falling back to double quotes when the style cannot carry
/// the value or when a YAML 1.1 or 1.2 reader would take a plain value for something other than a string.
/// </summary>
internal static partial class YamlScalar
{
    /// <summary>Renders <paramref name="value"/> keeping <paramref name="style"/> where it can represent it.</summary>
    public static string Render(string value, ScalarStyle style) => style switch
    {
        ScalarStyle.SingleQuoted when CanSingleQuote(value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'",
        ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded => DoubleQuote(value),
        _ => IsPlainSafe(value) ? value : DoubleQuote(value),
    };

    /// <summary>
    /// Gets a value indicating whether <paramref name="value"/> can be written plain, in block and flow context, and
    /// read back as the same string by YAML 1.1 and 1.2 readers (so <c>1.10</c>, <c>yes</c> or <c>null</c> cannot).
    /// Flow indicators (<c>,[]{}</c>) inside the value are allowed only when <paramref name="blockContext"/> says the
    /// scalar can never be inside a flow collection.
    /// </summary>
    public static bool IsPlainSafe(string value, bool blockContext = false)
    {
        if (value.Length == 0 || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]) || value.EndsWith(':'))
        {
            return false;
        }

        if ("[]{},#&*!|>'\"%@`".Contains(value[0], StringComparison.Ordinal)
            || (value[0] is '-' or '?' or ':' && (value.Length == 1 || value[1] == ' '))
            || value.StartsWith("---", StringComparison.Ordinal)
            || value.StartsWith("...", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in value)
        {
            // Flow indicators anywhere would end a plain scalar inside a flow collection.
            if (char.IsControl(c) || (!blockContext && c is ',' or '[' or ']' or '{' or '}') || c == '\uFEFF')
            {
                return false;
            }
        }

        return !value.Contains(": ", StringComparison.Ordinal)
            && !value.Contains(" #", StringComparison.Ordinal)
            && !ResolvesToNonString(value);
    }

    /// <summary>Quotes <paramref name="value"/> with double quotes and YAML escapes.</summary>
    public static string DoubleQuote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append(@"\\"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                '\0' => text.Append("\\0"),
                _ when char.IsControl(c) || c == '\uFEFF' => text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }

    private static bool CanSingleQuote(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) || c == '\uFEFF')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Gets a value indicating whether a plain scalar with this text would read as something other than a string.</summary>
    // YAML 1.2 core schema plus YAML 1.1 (booleans like yes/on/y, base 60, binary and old octal, timestamps), which
    // older readers such as go-yaml v2 still apply.
    public static bool ResolvesToNonString(string value) => NonStringPattern().IsMatch(value);

    [GeneratedRegex(
        """
        ^(?:
            ~|null|Null|NULL
          | y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
          | [-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*)
          | [-+]?(?:\.[0-9]+|[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?
          | [-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)
          | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?
          | <<|=
        )$
        """,
        RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex NonStringPattern();
}
