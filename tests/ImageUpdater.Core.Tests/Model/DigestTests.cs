using System.Text;

namespace ImageUpdater.Core.Tests.Model;

public sealed class DigestTests
{
    private const string Hex64 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("sha256:" + Hex64)]
    [InlineData("sha512:" + Hex64 + Hex64)]
    [InlineData("multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8")]
    public void Parses_valid_digests(string text)
    {
        var digest = Digest.Parse(text);

        Assert.Equal(text, digest.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256")]
    [InlineData("sha256:")]
    [InlineData(":abc")]
    [InlineData("sha256:abcde")]
    [InlineData("sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("SHA256:" + Hex64)]
    [InlineData("sha256-:" + Hex64)]
    public void Rejects_invalid_digests_with_a_reason(string text)
    {
        Assert.False(Digest.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => Digest.Parse(text));
        Assert.False(string.IsNullOrEmpty(error.Message));
    }

    [Fact]
    public void Computes_sha256_of_raw_bytes()
    {
        var digest = Digest.Sha256Of(Encoding.UTF8.GetBytes("hello"));

        Assert.Equal("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", digest.ToString());
    }
}
