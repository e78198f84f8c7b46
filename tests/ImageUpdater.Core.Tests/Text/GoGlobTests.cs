using ImageUpdater.Text;

namespace ImageUpdater.Core.Tests.Text;

public sealed class GoGlobTests
{
    // The cases of Go's path/filepath match_test.go; a bad pattern is reported there as ErrBadPattern and here as no match.
    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("*", "abc", true)]
    [InlineData("*c", "abc", true)]
    [InlineData("a*", "a", true)]
    [InlineData("a*", "abc", true)]
    [InlineData("a*", "ab/c", false)]
    [InlineData("a*/b", "abc/b", true)]
    [InlineData("a*/b", "a/c/b", false)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxe/f", true)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxexxx/f", true)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxexxx/fff", false)]
    [InlineData("a*b?c*x", "abxbbxdbxebxczzx", true)]
    [InlineData("a*b?c*x", "abxbbxdbxebxczzy", false)]
    [InlineData("ab[c]", "abc", true)]
    [InlineData("ab[b-d]", "abc", true)]
    [InlineData("ab[e-g]", "abc", false)]
    [InlineData("ab[^c]", "abc", false)]
    [InlineData("ab[^b-d]", "abc", false)]
    [InlineData("ab[^e-g]", "abc", true)]
    [InlineData("a\\*b", "a*b", true)]
    [InlineData("a\\*b", "ab", false)]
    [InlineData("a?b", "a☺b", true)]
    [InlineData("a[^a]b", "a☺b", true)]
    [InlineData("a???b", "a☺b", false)]
    [InlineData("a[^a][^a][^a]b", "a☺b", false)]
    [InlineData("[a-ζ]*", "α", true)]
    [InlineData("*[a-ζ]", "A", false)]
    [InlineData("a?b", "a/b", false)]
    [InlineData("a*b", "a/b", false)]
    [InlineData("[\\]a]", "]", true)]
    [InlineData("[\\-]", "-", true)]
    [InlineData("[x\\-]", "x", true)]
    [InlineData("[x\\-]", "-", true)]
    [InlineData("[x\\-]", "z", false)]
    [InlineData("[\\-x]", "x", true)]
    [InlineData("[\\-x]", "-", true)]
    [InlineData("[\\-x]", "a", false)]
    [InlineData("[]a]", "]", false)]
    [InlineData("[-]", "-", false)]
    [InlineData("[x-]", "x", false)]
    [InlineData("[x-]", "-", false)]
    [InlineData("[x-]", "z", false)]
    [InlineData("[-x]", "x", false)]
    [InlineData("[-x]", "-", false)]
    [InlineData("[-x]", "a", false)]
    [InlineData("\\", "a", false)]
    [InlineData("[a-b-c]", "a", false)]
    [InlineData("[", "a", false)]
    [InlineData("[^", "a", false)]
    [InlineData("[^bc", "a", false)]
    [InlineData("a[", "a", false)]
    [InlineData("a[", "ab", false)]
    [InlineData("a[", "x", false)]
    [InlineData("a/b[", "x", false)]
    [InlineData("*x", "xxx", true)]
    [InlineData("*-rc*", "1.0-rc1", true)]
    [InlineData("v1.*", "v1.2", true)]
    public void Matches_as_Go_filepath_Match(string pattern, string name, bool expected)
    {
        Assert.Equal(expected, GoGlob.IsMatch(pattern, name));
    }

    [Theory]
    [InlineData("abc", true)]
    [InlineData("ab[^e-g]", true)]
    [InlineData("[", false)]
    [InlineData("a[", false)]
    [InlineData("[]a]", false)]
    [InlineData("\\", false)]
    [InlineData("*[", false)]
    public void Validates_patterns(string pattern, bool expected)
    {
        Assert.Equal(expected, GoGlob.IsValid(pattern));
    }
}
