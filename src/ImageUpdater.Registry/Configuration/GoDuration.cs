using System.Globalization;

namespace ImageUpdater.Registry;

/// <summary>
/// Parses durations in Go's <c>time.ParseDuration</c> syntax (<c>1h30m</c>, <c>10s</c>, <c>500ms</c>, <c>1.5h</c>), which is
/// what the reference accepts for <c>credsexpire</c>.
/// </summary>
internal static class GoDuration
{
    private const decimal NanosecondsPerTick = 100m;

    // Go durations are int64 nanoseconds; anything larger overflows there too.
    private const decimal MaxNanoseconds = long.MaxValue;

    /// <summary>Parses a Go duration.</summary>
    /// <param name="text">The text, such as <c>1h30m</c>.</param>
    /// <param name="value">The duration, rounded down to whole ticks.</param>
    /// <param name="error">Why the text is not a duration, worded as Go words it.</param>
    /// <returns><see langword="true"/> when the text is a duration.</returns>
    public static bool TryParse(string text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        error = string.Empty;
        var s = text.AsSpan();
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        // Go accepts a bare "0" (and only that) without a unit.
        if (s is "0")
        {
            return true;
        }

        if (s.IsEmpty)
        {
            error = Invalid(text);
            return false;
        }

        var total = 0m;
        while (!s.IsEmpty)
        {
            if (!(s[0] == '.' || char.IsAsciiDigit(s[0])))
            {
                error = Invalid(text);
                return false;
            }

            var digits = 0;
            while (digits < s.Length && char.IsAsciiDigit(s[digits]))
            {
                digits++;
            }

            var whole = s[..digits];
            s = s[digits..];
            var fraction = ReadOnlySpan<char>.Empty;
            if (!s.IsEmpty && s[0] == '.')
            {
                s = s[1..];
                var fractionDigits = 0;
                while (fractionDigits < s.Length && char.IsAsciiDigit(s[fractionDigits]))
                {
                    fractionDigits++;
                }

                fraction = s[..fractionDigits];
                s = s[fractionDigits..];
            }

            if (whole.IsEmpty && fraction.IsEmpty)
            {
                error = Invalid(text);
                return false;
            }

            var unitLength = 0;
            while (unitLength < s.Length && s[unitLength] != '.' && !char.IsAsciiDigit(s[unitLength]))
            {
                unitLength++;
            }

            if (unitLength == 0)
            {
                error = $"time: missing unit in duration \"{text}\"";
                return false;
            }

            var unit = s[..unitLength].ToString();
            s = s[unitLength..];
            if (UnitNanoseconds(unit) is not { } scale)
            {
                error = $"time: unknown unit \"{unit}\" in duration \"{text}\"";
                return false;
            }

            if (!TryNumber(whole, fraction, out var number))
            {
                error = Invalid(text);
                return false;
            }

            try
            {
                total += number * scale;
            }
            catch (OverflowException)
            {
                error = Invalid(text);
                return false;
            }

            if (total > MaxNanoseconds)
            {
                error = Invalid(text);
                return false;
            }
        }

        var ticks = (long)decimal.Truncate(total / NanosecondsPerTick);
        value = TimeSpan.FromTicks(negative ? -ticks : ticks);
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<char> whole, ReadOnlySpan<char> fraction, out decimal number)
    {
        // Very long digit runs overflow decimal; Go rejects them as overflowing int64 as well.
        var text = (whole.IsEmpty ? "0" : whole.ToString()) + (fraction.IsEmpty ? string.Empty : "." + fraction.ToString());
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
    }

    private static decimal? UnitNanoseconds(string unit) => unit switch
    {
        "ns" => 1m,
        "us" or "\u00b5s" or "\u03bcs" => 1_000m,
        "ms" => 1_000_000m,
        "s" => 1_000_000_000m,
        "m" => 60_000_000_000m,
        "h" => 3_600_000_000_000m,
        _ => null,
    };

    private static string Invalid(string text) => $"time: invalid duration \"{text}\"";
}
