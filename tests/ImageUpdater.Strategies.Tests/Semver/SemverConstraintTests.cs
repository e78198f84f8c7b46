using ImageUpdater.Strategies;

namespace ImageUpdater.Strategies.Tests.Semver;

public class SemverConstraintTests
{
    // Cases from Masterminds/semver's own tests (TestConstraintCheck, TestConstraintsCheck) and v3.4 behaviour.
    public static TheoryData<string, string, bool> Checks => new()
    {
        { "=2.0.0", "1.2.3", false }, { "=2.0.0", "2.0.0", true }, { "=2.0", "1.2.3", false }, { "=2.0", "2.0.0", true },
        { "=2.0", "2.0.1", true }, { "4.1", "4.1.0", true }, { "!=4.1.0", "4.1.0", false }, { "!=4.1.0", "4.1.1", true },
        { "!=4.1", "4.1.0", false }, { "!=4.1", "4.1.1", false }, { "!=4.1", "5.1.0-alpha.1", false },
        { "!=4.1-alpha", "4.1.0", true }, { "!=4.1", "5.1.0", true }, { "<11", "0.1.0", true }, { "<11", "11.1.0", false },
        { "<1.1", "0.1.0", true }, { "<1.1", "1.1.0", false }, { "<1.1", "1.1.1", false }, { "<=11", "1.2.3", true },
        { "<=11", "12.2.3", false }, { "<=11", "11.2.3", true }, { "<=1.1", "1.2.3", false }, { "<=1.1", "0.1.0", true },
        { "<=1.1", "1.1.0", true }, { "<=1.1", "1.1.1", true }, { ">1.1", "4.1.0", true }, { ">1.1", "1.1.0", false },
        { ">0", "0", false }, { ">0", "1", true }, { ">0", "0.0.1-alpha", false }, { ">0.0", "0.0.1-alpha", false },
        { ">0-0", "0.0.1-alpha", false }, { ">0.0-0", "0.0.1-alpha", false }, { ">0", "0.0.0-alpha", false },
        { ">0-0", "0.0.0-alpha", false }, { ">0.0.0-0", "0.0.0-alpha", true }, { ">1.2.3-alpha.1", "1.2.3-alpha.2", true },
        { ">1.2.3-alpha.1", "1.3.3-alpha.2", true }, { ">11", "11.1.0", false }, { ">11.1", "11.1.0", false },
        { ">11.1", "11.1.1", false }, { ">11.1", "11.2.1", true }, { ">=11", "11.1.2", true }, { ">=11.1", "11.1.2", true },
        { ">=11.1", "11.0.2", false }, { ">=1.1", "4.1.0", true }, { ">=1.1", "1.1.0", true }, { ">=1.1", "0.0.9", false },
        { ">=0", "0.0.1-alpha", false }, { ">=0.0", "0.0.1-alpha", false }, { ">=0-0", "0.0.1-alpha", true },
        { ">=0.0-0", "0.0.1-alpha", true }, { ">=0", "0.0.0-alpha", false }, { ">=0-0", "0.0.0-alpha", true },
        { ">=0.0.0-0", "0.0.0-alpha", true }, { ">=0.0.0-0", "1.2.3", true }, { ">=0.0.0-0", "3.4.5-beta.1", true },
        { "<0", "0.0.0-alpha", false }, { "<0-z", "0.0.0-alpha", true }, { ">=0", "0", true }, { "=0", "1", false },
        { "*", "1", true }, { "*", "4.5.6", true }, { "*", "1.2.3-alpha.1", false }, { "*-0", "1.2.3-alpha.1", true },
        { "2.*", "1", false }, { "2.*", "3.4.5", false }, { "2.*", "2.1.1", true }, { "2.1.*", "2.1.1", true },
        { "2.1.*", "2.2.1", false }, { "", "1", true }, { "", "4.5.6", true }, { "", "1.2.3-alpha.1", false },
        { "2", "1", false }, { "2", "3.4.5", false }, { "2", "2.1.1", true }, { "2.1", "2.1.1", true }, { "2.1", "2.2.1", false },
        { "~1.2.3", "1.2.4", true }, { "~1.2.3", "1.3.4", false }, { "~1.2", "1.2.4", true }, { "~1.2", "1.3.4", false },
        { "~1", "1.2.4", true }, { "~1", "2.3.4", false }, { "~0.2.3", "0.2.5", true }, { "~0.2.3", "0.3.5", false },
        { "~1.2.3-beta.2", "1.2.3-beta.4", true }, { "~1.2.3-beta.2", "1.2.4-beta.2", true },
        { "~1.2.3-beta.2", "1.3.4-beta.2", false }, { "^1.2.3", "1.8.9", true }, { "^1.2.3", "2.8.9", false },
        { "^1.2.3", "1.2.1", false }, { "^1.1.0", "2.1.0", false }, { "^1.2.0", "2.2.1", false },
        { "^1.2.0", "1.2.1-alpha.1", false }, { "^1.2.0-alpha.0", "1.2.1-alpha.1", true },
        { "^1.2.0-alpha.0", "1.2.1-alpha.0", true }, { "^1.2.0-alpha.2", "1.2.0-alpha.1", false }, { "^1.2", "1.8.9", true },
        { "^1.2", "2.8.9", false }, { "^1", "1.8.9", true }, { "^1", "2.8.9", false }, { "^0.2.3", "0.2.5", true },
        { "^0.2.3", "0.5.6", false }, { "^0.2", "0.2.5", true }, { "^0.2", "0.5.6", false }, { "^0.0.3", "0.0.3", true },
        { "^0.0.3", "0.0.4", false }, { "^0.0", "0.0.3", true }, { "^0.0", "0.1.4", false }, { "^0.0", "1.0.4", false },
        { "^0", "0.2.3", true }, { "^0", "1.1.4", false }, { "^0.2.3-beta.2", "0.2.3-beta.4", true },
        { "^0.2.3-beta.2", "0.2.4-beta.2", true }, { "^0.2.3-beta.2", "0.3.4-beta.2", false },
        { "^0.2.3-beta.2", "0.2.3-beta.2", true }, { "~0.0.0", "1.2.3", true }, { "0.x.x", "1.2.3", false },
        { "0.0.x", "1.2.3", false }, { "0.0.0", "1.2.3", false }, { "^0.0.0", "1.2.3", false }, { "= 2.0", "1.2.3", false },
        { "= 2.0", "2.0.0", true }, { "4.1.x", "4.1.3", true }, { "1.x", "1.4", true }, { "!=4.1-alpha", "4.1.0-alpha", false },
        { "!=4.1-alpha", "4.1.1-alpha", false }, { "!=4.x", "5.1.0", true }, { "!=4.x", "4.1.0", false },
        { "!=4.1.x", "4.2.0", true }, { "!=4.2.x", "4.2.3", false }, { "<1.x", "1.1.1", false }, { "<1.x", "0.1.1", true },
        { "<1.x", "2.0.0", false }, { "<1.1.x", "1.2.1", false }, { "<1.1.x", "1.1.500", false }, { "<1.1.x", "1.0.500", true },
        { "<1.2.x", "1.1.1", true }, { ">=1.1", "4.1.0-beta", false }, { "<=1.1", "0.1.0-alpha", false },
        { "<=1.1-a", "0.1.0-alpha", true }, { "<=1.x", "1.1.0", true }, { "<=2.x", "3.0.0", false },
        { "<=1.1.x", "1.2.500", false }, { "<=4.5", "3.4.0", true }, { "<=4.5", "3.7.0", true }, { "<=4.5", "4.6.3", false },
        { ">1.1, <2", "1.1.1", false }, { ">1.1, <2", "1.2.1", true }, { ">1.1, <3", "4.3.2", false },
        { ">=1.1, <2, !=1.2.3", "1.2.3", false }, { ">1.1 <2", "1.1.1", false }, { ">1.1 <2", "1.2.1", true },
        { ">1.1    <3", "4.3.2", false }, { ">=1.1    <2    !=1.2.3", "1.2.3", false },
        { ">=1.1, <2, !=1.2.3 || > 3", "4.1.2", true }, { ">=1.1, <2, !=1.2.3 || > 3", "3.1.2", false },
        { ">=1.1, <2, !=1.2.3 || >= 3", "3.0.0", true }, { ">=1.1, <2, !=1.2.3 || > 3", "3.0.0", false },
        { ">=1.1, <2, !=1.2.3 || > 3", "1.2.3", false }, { "> 1.1, <     2", "1.1.1", false }, { ">   1.1, <2", "1.2.1", true },
        { ">= 1.1 <2 != 1.2.3 || > 3", "4.1.2", true }, { "1.1 - 2", "1.1.1", true }, { "1.5.0 - 4.5", "3.7.0", true },
        { "1.1-3", "4.3.2", false }, { "^1.1", "1.1.1", true }, { "^1.1", "4.3.2", false }, { "^1.x", "1.1.1", true },
        { "^2.x", "1.1.1", false }, { "^1.x", "2.1.1", false }, { "^1.x", "1.1.1-beta1", false },
        { "^1.1.2-alpha", "1.2.1-beta1", true }, { "^1.2.x-alpha", "1.1.1-beta1", false }, { "^0.0.1", "0.0.1", true },
        { "^0.0.1", "0.3.1", false }, { "~*", "2.1.1", true }, { "~1", "2.1.1", false }, { "~1", "1.3.5", true },
        { "~1", "1.4", true }, { "~1.x", "2.1.1", false }, { "~1.x", "1.3.5", true }, { "~1.x", "1.4", true },
        { "~1.1", "1.1.1", true }, { "~1.1", "1.1.1-alpha", false }, { "~1.1-alpha", "1.1.1-beta", true },
        { "~1.1.1-beta", "1.1.1-alpha", false }, { "~1.1.1-beta", "1.1.1", true }, { "~1.2.3", "1.2.5", true },
        { "~1.2.3", "1.2.2", false }, { "~1.2.3", "1.3.2", false }, { "~1.1", "1.2.3", false }, { "~1.3", "2.4.5", false },
        { "1.0.0 - 2.0.0 <=2.0.0", "1.5.0", true }, { "1.0.0 - 2.0.0, <=2.0.0", "1.5.0", true },
        { "~> 1.2", "1.2.9", true }, { "=> 1.2", "1.3.0", true }, { "=< 1.2", "1.2.7", true }, { "v1.2", "1.2.4", true },
        { "^0.x", "0.9.1", true }, { "^0.x", "1.0.0", false }, { "~1", "1.0.0-rc.1", false }, { "^1.2.x", "1.9.0", true },
        { "^1.2.x", "1.1.9", false }, { "x", "7.0.0", true }, { "X.X", "7.0.0", true }, { "2.x-0", "2.1.0-rc.1", true },
        { "2.x-0", "3.0.0-rc.1", false }, { "2.x", "2.1.0-rc.1", false }, { ">=1.2 <=1.4.5", "1.4.5", true },
        { "1.2 - 1.4.5", "1.4.6", false }, { "1.2 - 1.4.5", "1.2.0", true }, { "v1.2.3+meta", "1.2.3", true },
        // v3.4: one pre-release condition admits pre-releases for its whole AND group, not for the other alternatives.
        { ">=1.0.0-0, <2.0.0", "1.5.0-rc.1", true }, { ">=1.0.0, <2.0.0-0", "1.5.0-rc.1", true },
        { ">=1.0.0 || >=1.0.0-0", "1.5.0-rc.1", true }, { ">=1.0.0 || =0.9.0-0", "1.5.0-rc.1", false },
        { "^7.3", "7.9.1", true }, { "^7.3", "8.0.0", false },
    };

    [Theory]
    [MemberData(nameof(Checks))]
    public void Checks_as_Masterminds_v3_4(string constraint, string version, bool expected)
    {
        var c = SemverConstraint.Parse(constraint);
        Assert.Equal(expected, c.IsSatisfiedBy(SemverVersion.Parse(version)));
    }

    [Theory]
    [InlineData("foo")]
    [InlineData(">= bar")]
    [InlineData("BAR >= 1.2.3")]
    [InlineData("12.3.4.1234")]
    [InlineData("12.23.4.1234")]
    [InlineData("12.3.34~ 1.2.3")]
    [InlineData(">=1.2 ||")]
    [InlineData("|| 1.2")]
    [InlineData("1.2.3-01")]
    [InlineData("1|2")]
    [InlineData("1x.2")]
    [InlineData(">=1.2 - 1.4")]
    [InlineData(">>1")]
    [InlineData("1.2,,1.3")]
    [InlineData("18446744073709551616")]
    [InlineData("V1.2")]
    public void Rejects_invalid_constraints_naming_them(string constraint)
    {
        Assert.False(SemverConstraint.TryParse(constraint, out _, out var error));
        Assert.Contains("'" + constraint + "'", error, StringComparison.Ordinal);
        var ex = Assert.Throws<FormatException>(() => SemverConstraint.Parse(constraint));
        Assert.Contains(constraint, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(">= 1.2.3 < 2.0")]
    [InlineData(">= 1.2.3 < 2.0 || => 3.0 < 4")]
    [InlineData(">= 1.2.3, < 2.0 || => 3.0, < 4")]
    [InlineData("3 - 4 || => 3.0, < 4")]
    [InlineData("12.3.34 ~1.2.3")]
    [InlineData("v2.3.5-20161202202307-sha.e8fc5e5")]
    [InlineData("  2.1  ")]
    [InlineData("\t>=1.0\n<2")]
    [InlineData("2 - 3, 4.0.0 - 5.1")]
    public void Accepts_valid_constraints(string constraint)
    {
        Assert.True(SemverConstraint.TryParse(constraint, out var c, out _));
        Assert.Equal(constraint, c.Text);
    }

    [Fact]
    public void Only_ascii_whitespace_separates()
    {
        // Go's \s is [\t\n\f\r ]; a no-break space is not whitespace to Masterminds.
        Assert.False(SemverConstraint.TryParse(">=1.0\u00A0<2", out _, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Empty_constraint_is_any_release(string? constraint)
    {
        Assert.True(SemverConstraint.TryParse(constraint, out var c, out _));
        Assert.True(c.IsSatisfiedBy(SemverVersion.Parse("99.0.0")));
        Assert.False(c.IsSatisfiedBy(SemverVersion.Parse("99.0.0-rc.1")));
    }

    [Fact]
    public void A_pathological_constraint_is_rejected_quickly()
    {
        var text = string.Join(new string(' ', 30), Enumerable.Repeat("1", 40)) + " !";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(SemverConstraint.TryParse(text, out _, out _));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
    }

    [Fact]
    public void Twenty_thousand_hyphen_ranges_are_parsed_with_work_proportional_to_the_text()
    {
        // Counted, not timed: the bytes allocated for twice the ranges must grow about twice, not four times (Go's
        // replace-into-the-whole-string loop allocated gigabytes for 20,000 ranges).
        var tenThousand = AllocatedWhileParsing(10_000);
        var twentyThousand = AllocatedWhileParsing(20_000);

        Assert.True(twentyThousand < 2.5 * tenThousand, $"10,000 ranges: {tenThousand} bytes; 20,000 ranges: {twentyThousand} bytes");
    }

    [Fact]
    public void A_constraint_over_the_length_limit_is_refused_naming_the_limit_without_echoing_it()
    {
        var text = string.Concat(Enumerable.Repeat("1 - 2 ", (SemverConstraintParser.MaxLength / 6) + 1));

        Assert.False(SemverConstraint.TryParse(text, out _, out var error));

        Assert.Contains(SemverConstraintParser.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
        Assert.True(error.Length < 300, error);
    }

    [Fact]
    public void A_constraint_at_the_length_limit_is_parsed()
    {
        // Mostly blanks: a backtracking scan for hyphen ranges would rescan the run from each of its positions.
        var text = "1.0.0 - 2".PadRight(SemverConstraintParser.MaxLength, ' ');

        Assert.True(SemverConstraint.TryParse(text, out _, out var error), error);
    }

    private static long AllocatedWhileParsing(int ranges)
    {
        var text = string.Concat(Enumerable.Repeat("1 - 2 ", ranges));
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(SemverConstraint.TryParse(text, out var constraint, out var error), error);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(constraint.IsSatisfiedBy(SemverVersion.Parse("1.5.0")));
        Assert.False(constraint.IsSatisfiedBy(SemverVersion.Parse("3.0.0")));
        return allocated;
    }
}

public class SemverRangeRewriteTests
{
    [Theory]
    [InlineData("2 - 3", ">= 2, <= 3 ")]
    [InlineData("2 - 3, 2 - 3", ">= 2, <= 3 ,>= 2, <= 3 ")]
    [InlineData("2 - 3, 4.0.0 - 5.1", ">= 2, <= 3 ,>= 4.0.0, <= 5.1 ")]
    [InlineData("2 - 3 4.0.0 - 5.1", ">= 2, <= 3 >= 4.0.0, <= 5.1 ")]
    [InlineData("1.0.0 - 2.0.0 <=2.0.0", ">= 1.0.0, <= 2.0.0 <=2.0.0")]
    [InlineData("1.2-3", "1.2-3")]
    [InlineData("1 - 2 || x 1 - 2", ">= 1, <= 2 || x>= 1, <= 2 ")]
    public void Rewrites_hyphen_ranges_as_Masterminds(string input, string expected)
    {
        Assert.Equal(expected, SemverConstraintParser.RewriteRanges(input));
    }
}
