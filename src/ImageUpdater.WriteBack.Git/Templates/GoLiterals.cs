using System.Globalization;
using System.Text;

namespace ImageUpdater.WriteBack.Git.Templates;

/// <summary>Go's literal syntax for strings, characters and numbers, as <c>strconv</c> reads them.</summary>
internal static class GoLiterals
{
    /// <summary>Reads a quoted string, raw string or character literal; null when the syntax is invalid.</summary>
    public static string? Unquote(string quoted)
    {
        var quote = quoted[0];
        if (quote == '`')
        {
            return quoted[1..^1].Replace("\r", string.Empty, StringComparison.Ordinal);
        }

        var builder = new StringBuilder();
        for (var i = 1; i < quoted.Length - 1; i++)
        {
            var c = quoted[i];
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            var escape = quoted[++i];
            switch (escape)
            {
                case 'a': builder.Append('\a'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'v': builder.Append('\v'); break;
                case '\\': builder.Append('\\'); break;
                case '"' or '\'' when escape == quote: builder.Append(escape); break;
                case 'x' or 'u' or 'U' or (>= '0' and <= '7'):
                    var length = escape switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 3 };
                    var start = escape is >= '0' and <= '7' ? i : i + 1;
                    if (start + length > quoted.Length - 1)
                    {
                        return null;
                    }

                    var digits = quoted.Substring(start, length);
                    var style = escape is >= '0' and <= '7' ? 8 : 16;
                    int code;
                    try
                    {
                        code = Convert.ToInt32(digits, style);
                    }
                    catch (FormatException)
                    {
                        return null;
                    }

                    // A byte escape above 0x7F would be a lone byte of invalid UTF-8, which a .NET string cannot hold.
                    if ((escape == 'x' || style == 8) && code > 0x7F)
                    {
                        return null;
                    }

                    if (code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
                    {
                        return null;
                    }

                    builder.Append(char.ConvertFromUtf32(code));
                    i = start + length - 1;
                    break;
                default:
                    return null;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Reads a number literal as Go's template ideal constant: a long (Go's int) unless it is written with a fraction
    /// or an exponent, then a double. Null when the syntax is invalid or the value does not fit.
    /// </summary>
    public static object? ParseNumber(string text, bool isCharacter)
    {
        if (isCharacter)
        {
            var value = Unquote(text);
            return value is not null && value.Length > 0 && char.ConvertToUtf32(value, 0) is var rune
                && char.ConvertFromUtf32(rune).Length == value.Length
                ? (long)rune
                : null;
        }

        var digits = text.Replace("_", string.Empty, StringComparison.Ordinal);
        var negative = digits.StartsWith('-');
        var unsigned = digits.TrimStart('+', '-');
        if (unsigned.Length == 0)
        {
            return null;
        }

        var (numberBase, body) = unsigned.Length > 1 && unsigned[0] == '0'
            ? char.ToLowerInvariant(unsigned[1]) switch
            {
                'x' => (16, unsigned[2..]),
                'o' => (8, unsigned[2..]),
                'b' => (2, unsigned[2..]),
                _ when !unsigned.Contains('.', StringComparison.Ordinal) && !unsigned.Contains('e', StringComparison.OrdinalIgnoreCase) => (8, unsigned[1..]),
                _ => (10, unsigned),
            }
            : (10, unsigned);
        var looksFloat = numberBase == 10 && unsigned.AsSpan().IndexOfAny(".eE") >= 0;
        if (!looksFloat)
        {
            return ParseInteger(body, numberBase, negative);
        }

        return double.TryParse(digits, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : null;
    }

    private static long? ParseInteger(string body, int numberBase, bool negative)
    {
        if (body.Length == 0)
        {
            return null;
        }

        Int128 value = 0;
        foreach (var c in body)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= numberBase)
            {
                return null;
            }

            value = (value * numberBase) + digit;
            if (value > (Int128)long.MaxValue + 1)
            {
                return null;
            }
        }

        value = negative ? -value : value;
        return value >= long.MinValue && value <= long.MaxValue ? (long)value : null;
    }
}
