using System.Globalization;
using System.Text;

namespace ImageUpdater.WriteBack.Git.Templates;

/// <summary>Go's <c>strconv.FormatFloat</c> for the 'e', 'f' and 'g' formats over float64.</summary>
internal static class GoFloat
{
    /// <summary>Formats as Go does; precision -1 asks for the fewest digits that read back exactly.</summary>
    public static string Format(double value, char format, int precision)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        var negative = value < 0 || (value == 0 && double.IsNegative(value));
        var magnitude = Math.Abs(value);
        var shortest = precision < 0;
        var lower = char.ToLowerInvariant(format);
        var (digits, point) = shortest ? ShortestDigits(magnitude)
            : lower switch
            {
                'e' => RoundedDigits(magnitude, precision + 1),
                'g' => RoundedDigits(magnitude, precision == 0 ? 1 : precision),
                _ => FixedDigits(magnitude, precision),
            };
        if (shortest)
        {
            precision = lower switch
            {
                'e' => Math.Max(digits.Length - 1, 0),
                'f' => Math.Max(digits.Length - point, 0),
                _ => digits.Length,
            };
        }

        var text = new StringBuilder(negative ? "-" : string.Empty);
        switch (lower)
        {
            case 'e':
                AppendE(text, digits, point, precision, format);
                break;
            case 'f':
                AppendF(text, digits, point, precision);
                break;
            default:
                var exponentPrecision = precision;
                if (exponentPrecision > digits.Length && digits.Length >= point)
                {
                    exponentPrecision = digits.Length;
                }

                if (shortest)
                {
                    exponentPrecision = 6;
                }

                var exponent = point - 1;
                if (exponent < -4 || exponent >= exponentPrecision)
                {
                    AppendE(text, digits, point, Math.Min(precision, digits.Length) - 1, format == 'G' ? 'E' : 'e');
                }
                else
                {
                    AppendF(text, digits, point, Math.Max((precision > point ? digits.Length : precision) - point, 0));
                }

                break;
        }

        return text.ToString();
    }

    private static void AppendE(StringBuilder text, string digits, int point, int precision, char format)
    {
        text.Append(digits.Length > 0 ? digits[0] : '0');
        if (precision > 0)
        {
            text.Append('.');
            for (var i = 1; i <= precision; i++)
            {
                text.Append(i < digits.Length ? digits[i] : '0');
            }
        }

        var exponent = digits.Length == 0 ? 0 : point - 1;
        text.Append(format).Append(exponent < 0 ? '-' : '+');
        var absolute = Math.Abs(exponent);
        text.Append(absolute < 10 ? "0" : string.Empty).Append(absolute.ToString(CultureInfo.InvariantCulture));
    }

    private static void AppendF(StringBuilder text, string digits, int point, int precision)
    {
        if (point > 0)
        {
            for (var i = 0; i < point; i++)
            {
                text.Append(i < digits.Length ? digits[i] : '0');
            }
        }
        else
        {
            text.Append('0');
        }

        if (precision > 0)
        {
            text.Append('.');
            for (var i = 0; i < precision; i++)
            {
                var j = point + i;
                text.Append(j >= 0 && j < digits.Length ? digits[j] : '0');
            }
        }
    }

    /// <summary>The shortest round-tripping decimal digits (no trailing zeros) and the decimal point's position.</summary>
    private static (string Digits, int Point) ShortestDigits(double magnitude) =>
        Decompose(magnitude.ToString("R", CultureInfo.InvariantCulture));

    private static (string Digits, int Point) RoundedDigits(double magnitude, int significant) =>
        Decompose(magnitude.ToString("E" + (significant - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    private static (string Digits, int Point) FixedDigits(double magnitude, int decimals) =>
        Decompose(magnitude.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    /// <summary>Splits .NET's invariant rendering ("123.45", "1.5E-07") into digits and decimal point position.</summary>
    private static (string Digits, int Point) Decompose(string rendered)
    {
        var exponentAt = rendered.IndexOfAny(['E', 'e']);
        var exponent = exponentAt < 0 ? 0 : int.Parse(rendered[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? rendered : rendered[..exponentAt];
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerPart = dot < 0 ? mantissa : mantissa[..dot];
        var all = integerPart + (dot < 0 ? string.Empty : mantissa[(dot + 1)..]);
        var point = integerPart.Length + exponent;
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        var digits = all[leadingZeros..].TrimEnd('0');
        return digits.Length == 0 ? (string.Empty, 0) : (digits, point - leadingZeros);
    }
}
