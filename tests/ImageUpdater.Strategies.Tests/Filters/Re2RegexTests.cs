using ImageUpdater.Strategies;

namespace ImageUpdater.Strategies.Tests.Filters;

public class Re2RegexTests
{
    private static Re2Regex Compile(string pattern)
    {
        Assert.True(Re2Regex.TryCreate(pattern, out var regex, out var error), error);
        return regex;
    }

    [Theory]
    [InlineData(@"^v\d+\.\d+$", "v1.20", true)]
    [InlineData(@"^v\d+\.\d+$", "v1.20-rc", false)]
    [InlineData(@"\d", "abc", false)]
    [InlineData(@"\d", "a٣", false)] // RE2's \d is ASCII only
    [InlineData(@"^\w+$", "héllo", false)] // and so is \w
    [InlineData(@"^\s$", "\u00A0", false)] // and \s
    [InlineData(@"^\S$", "x", true)]
    [InlineData(@"^\D\W$", "a-", true)]
    [InlineData("rc", "1.0-rc.1", true)] // unanchored
    [InlineData("^(?P<major>[0-9]+)\\.", "12.3", true)]
    [InlineData("^(?<major>[0-9]+)$", "12", true)]
    [InlineData("^[[:alpha:]]+-[[:digit:]]+$", "alpine-3", true)]
    [InlineData("^[[:xdigit:]]{7}$", "5114f85", true)]
    [InlineData(@"^\Qa.b\E$", "a.b", true)]
    [InlineData(@"^\Qa.b\E$", "axb", false)]
    [InlineData(@"^\x{41}\x42$", "AB", true)]
    [InlineData(@"^\101$", "A", true)] // octal
    [InlineData(@"^a{2,3}$", "aaa", true)]
    [InlineData(@"^a{,3}$", "a{,3}", true)] // not a repeat: literal
    [InlineData("^a{2}$", "aa", true)]
    [InlineData("a$", "a\n", false)] // $ is the end of the text
    [InlineData("(?m)a$", "a\nb", true)]
    [InlineData("(?i)^ALPINE$", "alpine", true)]
    [InlineData("^[]a]+$", "]a]", true)]
    [InlineData("^[a[]+$", "a[", true)] // '[' is literal in an RE2 class
    [InlineData("^[^-]+$", "abc", true)]
    [InlineData(@"^\pL+$", "abc", true)]
    [InlineData(@"^\p{Lu}$", "A", true)]
    [InlineData(@"^\p{^Lu}$", "a", true)]
    [InlineData(@"^\p{Any}+$", "a-1", true)]
    [InlineData(@"^[\p{Any}]$", "-", true)]
    [InlineData(@"\P{Any}", "a", false)]
    [InlineData("^[[:^alpha:]]+$", "1.2-3", true)]
    [InlineData("^[[:^alpha:]]+$", "1.2-a", false)]
    [InlineData("^[x[:^digit:]]+$", "x-y", true)]
    [InlineData("^[[:^digit:]]$", "\u00e9", true)]
    [InlineData("^[[:^punct:]]+$", "a.b", false)]
    [InlineData("a.c", "a\nc", false)]
    [InlineData("(?s)a.c", "a\nc", true)]
    [InlineData(@"^\.\-\#$", ".-#", true)]
    [InlineData("^a b#c$", "a b#c", true)]
    [InlineData("^(a|ab)(c|bcd)$", "abcd", true)]
    [InlineData(@"^[\w-.]+$", "1.2.3-rc.1", true)] // a class escape beside '-' makes the '-' literal
    [InlineData(@"^[\w-.]+$", "1.2.3+build", false)]
    [InlineData(@"^v[\w-.]+$", "v1.2.3-alpine", true)]
    [InlineData(@"^(?:v)?\d+\.\d+\.\d+(?:-[\w-.]+)?$", "1.2.3-rc.1", true)]
    [InlineData(@"^(?:v)?\d+\.\d+\.\d+(?:-[\w-.]+)?$", "1.2.3-", false)]
    [InlineData(@"^[A-Z][\w-.]*$", "Release-1.0", true)]
    [InlineData(@"^[-\d]+$", "2024-01", true)]
    [InlineData(@"^[\d-]+$", "2024-01", true)]
    [InlineData(@"^[\pL-]+$", "a-b", true)]
    [InlineData(@"^[[:alpha:]-.]+$", "a-b.c", true)]
    [InlineData(@"^[^\w-.]+$", "+", true)]
    [InlineData(@"^[^\w-.]+$", "-", false)]
    [InlineData(@"^[\D]$", "\u0663", true)] // ASCII-only \D inside a class, too
    [InlineData(@"^[\W]$", "\u00e9", true)]
    [InlineData("(?:(?m))a$", "a\n", false)] // a flag lasts to the end of its group only
    [InlineData("(?m:a$)", "a\nb", true)]
    [InlineData("a(?i)*b", "aaB", true)] // a repetition after a flag group applies to the atom before it
    public void Matches_with_RE2_semantics(string pattern, string input, bool expected)
    {
        Assert.Equal(expected, Compile(pattern).IsMatch(input));
    }

    [Theory]
    [InlineData(@"(a)\1")] // backreference
    [InlineData(@"(?P<x>a)(?P=x)")]
    [InlineData(@"\k<x>")]
    [InlineData("a(?=b)")] // lookahead
    [InlineData("a(?!b)")]
    [InlineData("(?<=a)b")] // lookbehind
    [InlineData("(?<!a)b")]
    [InlineData("(?>a+)b")] // atomic group
    [InlineData("a++")] // possessive
    [InlineData("a*+")]
    [InlineData("a?+")]
    [InlineData("a{2}+")]
    [InlineData("a**")]
    [InlineData("a{2}{3}")]
    [InlineData(@"a\Z")]
    [InlineData(@"\G")]
    [InlineData(@"\e")]
    [InlineData(@"\cA")]
    [InlineData(@"\8")]
    [InlineData("*a")]
    [InlineData("(*a)")]
    [InlineData("a|*")]
    [InlineData("a{1001}")]
    [InlineData("a{3,2}")]
    [InlineData("(?#comment)")]
    [InlineData("(?x)a b")]
    [InlineData("(?P<>a)")]
    [InlineData("(a")]
    [InlineData("a)")]
    [InlineData("[a")]
    [InlineData("[[:nope:]]")]
    [InlineData(@"a\")]
    [InlineData(@"\x{110000}")]
    [InlineData(@"\p{NoSuchClass}")]
    [InlineData(@"\p{IsGreek}")] // a .NET block name, not RE2
    [InlineData(@"[\P{IsBasicLatin}]")]
    [InlineData("[[:^nope:]]")]
    [InlineData(@"[\Q]\E]")] // \Q...\E is not recognised inside a class
    public void Rejects_what_RE2_rejects(string pattern)
    {
        Assert.False(Re2Regex.TryCreate(pattern, out var regex, out var error));
        Assert.Null(regex);
        Assert.Contains(pattern, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(?U)a+", "aaa", "a")] // the ungreedy flag swaps greedy and lazy
    [InlineData("(?U)a+?", "aaa", "aaa")]
    [InlineData("(?U:a+)a*", "aaa", "aaa")]
    [InlineData("(?U)(?-U)a+", "aaa", "aaa")]
    [InlineData("(?:(?U)a+)a+", "aaa", "aaa")] // a flag lasts to the end of its group only
    [InlineData("(?:(?U)a+)a+?", "aaa", "aa")]
    [InlineData("(?U)^v.+", "v1.2", "v1")]
    public void Ungreedy_flag_swaps_greedy_and_lazy(string pattern, string input, string expected)
    {
        Assert.Equal(expected, Compile(pattern).Regex.Match(input).Value);
    }

    [Fact]
    public void A_group_name_may_repeat_as_in_Go()
    {
        var regex = Compile("(?P<n>a)(?P<n>b)");
        Assert.Equal([null, "n", "n"], regex.GroupNames);
        Assert.Equal(["ab", "a", "b"], regex.Regex.Match("ab").Groups.Cast<System.Text.RegularExpressions.Group>().Select(g => g.Value));
    }

    [Theory]
    [InlineData(@"[a-\d]", @"'\d'")] // a class escape cannot end a range
    [InlineData("[z-a]", "'z-a'")]
    [InlineData("[a--]", "'a--'")]
    [InlineData("[[:foo:]]", "'[:foo:]'")]
    [InlineData(@"[\x{1F600}]", "U+1F600")]
    [InlineData("(a))", "unexpected )")]
    [InlineData("((a)", "missing closing )")]
    public void Errors_name_the_offending_text(string pattern, string expected)
    {
        Assert.False(Re2Regex.TryCreate(pattern, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Group_numbers_follow_RE2_order_with_named_groups()
    {
        var regex = Compile("(?P<a>x)(y)(?P<b>z)");
        Assert.Equal([null, "a", null, "b"], regex.GroupNames);
        var match = regex.Regex.Match("xyz");
        Assert.Equal(["xyz", "x", "y", "z"], match.Groups.Cast<System.Text.RegularExpressions.Group>().Select(g => g.Value));
    }

    [Fact]
    public void Matching_never_backtracks_exponentially()
    {
        var regex = Compile("^(a+)+$");
        var input = new string('a', 50_000) + "!";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(regex.IsMatch(input));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
    }
}
