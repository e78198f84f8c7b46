using System.Globalization;

namespace ImageUpdater.Cli.Service;

/// <summary>
/// Parses durations as Go's <c>time.ParseDuration</c> writes them, the syntax of the reference's <c>--interval</c>:
/// a sequence of decimal numbers with a unit each (<c>2m</c>, <c>30s</c>, <c>1h30m</c>, <c>1.5h</c>, <c>300ms</c>),
/// or <c>0</c> alone. Units: <c>ns</c>, <c>us</c>, <c>µs</c>, <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>.
/// </summary>
internal static class GoDuration
{
    private const int MaxLength = 64;

    /// <summary>Parses <paramref name="text"/>; negative durations are refused, as an interval cannot be one.</summary>
    /// <returns><see langword="null"/> and an error, or the duration.</returns>
    public static TimeSpan? TryParse(string text, out string? error)
    {
        error = null;
        if (text.Length > MaxLength)
        {
            error = $"is longer than {MaxLength} characters";
            return null;
        }

        var s = text.AsSpan();
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            if (s[0] == '-' && s[1..] is not "0")
            {
                error = "must not be negative";
                return null;
            }

            s = s[1..];
        }

        if (s is "0")
        {
            return TimeSpan.Zero;
        }

        if (s.IsEmpty)
        {
            error = "is empty; write a number with a unit, such as 2m, 30s or 1h30m";
            return null;
        }

        decimal nanoseconds = 0;
        while (!s.IsEmpty)
        {
            var digits = 0;
            while (digits < s.Length && (char.IsAsciiDigit(s[digits]) || s[digits] == '.'))
            {
                digits++;
            }

            if (digits == 0 || !decimal.TryParse(s[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                error = "is not a duration; write a number with a unit, such as 2m, 30s or 1h30m";
                return null;
            }

            s = s[digits..];
            var unitLength = 0;
            while (unitLength < s.Length && !char.IsAsciiDigit(s[unitLength]) && s[unitLength] != '.')
            {
                unitLength++;
            }

            decimal? scale = s[..unitLength] switch
            {
                "ns" => 1m,
                "us" or "µs" or "μs" => 1_000m,
                "ms" => 1_000_000m,
                "s" => 1_000_000_000m,
                "m" => 60_000_000_000m,
                "h" => 3_600_000_000_000m,
                _ => null,
            };
            if (scale is null)
            {
                error = unitLength == 0
                    ? "has a number without a unit; units are ns, us, ms, s, m and h"
                    : $"has the unknown unit '{s[..unitLength]}'; units are ns, us, ms, s, m and h";
                return null;
            }

            s = s[unitLength..];
            try
            {
                nanoseconds += number * scale.Value;
            }
            catch (OverflowException)
            {
                error = "is too long";
                return null;
            }
        }

        // Go's durations are int64 nanoseconds: about 292 years.
        if (nanoseconds > long.MaxValue)
        {
            error = "is too long";
            return null;
        }

        return TimeSpan.FromTicks((long)(nanoseconds / 100m));
    }

    /// <summary>Formats a duration as Go prints it (<c>2m0s</c>, <c>1h30m0s</c>, <c>0s</c>), for logs and help.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var hours = (long)value.TotalHours;
        var text = hours > 0 ? string.Create(CultureInfo.InvariantCulture, $"{hours}h{value.Minutes}m") : value.Minutes > 0 ? string.Create(CultureInfo.InvariantCulture, $"{value.Minutes}m") : string.Empty;
        var seconds = value.Seconds + (value.Ticks % TimeSpan.TicksPerSecond / (decimal)TimeSpan.TicksPerSecond);
        return text + seconds.ToString("0.#########", CultureInfo.InvariantCulture) + "s";
    }
}
