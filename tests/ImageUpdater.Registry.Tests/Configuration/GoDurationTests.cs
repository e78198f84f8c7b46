using CsCheck;

namespace ImageUpdater.Registry.Tests.Configuration;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("5h", 5 * 3600_000L)]
    [InlineData("1h30m", 90 * 60_000L)]
    [InlineData("10s", 10_000L)]
    [InlineData("500ms", 500L)]
    [InlineData("1.5h", 90 * 60_000L)]
    [InlineData(".5s", 500L)]
    [InlineData("1.s", 1000L)]
    [InlineData("+2m", 120_000L)]
    [InlineData("-2m", -120_000L)]
    [InlineData("2h45m10s250ms", ((2 * 60 + 45) * 60 + 10) * 1000L + 250)]
    public void Parses_go_durations(string text, long milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var value, out var error), error);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("1us", 10)]
    [InlineData("1\u00b5s", 10)]
    [InlineData("1\u03bcs", 10)]
    [InlineData("300ns", 3)]
    [InlineData("150ns", 1)]
    public void Parses_sub_millisecond_units_to_whole_ticks(string text, long ticks)
    {
        Assert.True(GoDuration.TryParse(text, out var value, out _));
        Assert.Equal(ticks, value.Ticks);
    }

    [Theory]
    [InlineData("", "time: invalid duration \"\"")]
    [InlineData("-", "time: invalid duration \"-\"")]
    [InlineData("3600", "time: missing unit in duration \"3600\"")]
    [InlineData("5 hours", "time: unknown unit \" hours\" in duration \"5 hours\"")]
    [InlineData("5d", "time: unknown unit \"d\" in duration \"5d\"")]
    [InlineData("h", "time: invalid duration \"h\"")]
    [InlineData(".h", "time: invalid duration \".h\"")]
    [InlineData("3000000h", "time: invalid duration \"3000000h\"")]
    [InlineData("1h-5m", "time: unknown unit \"h-\" in duration \"1h-5m\"")]
    public void Rejects_what_go_rejects(string text, string expected)
    {
        Assert.False(GoDuration.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Any_sum_of_hours_minutes_seconds_and_milliseconds_round_trips()
    {
        Gen.Select(Gen.Int[0, 10_000], Gen.Int[0, 59], Gen.Int[0, 59], Gen.Int[0, 999]).Sample((h, m, s, ms) =>
        {
            var ok = GoDuration.TryParse($"{h}h{m}m{s}s{ms}ms", out var value, out _);
            return ok && value == new TimeSpan(0, h, m, s, ms);
        });
    }
}
