using CsCheck;
using ImageUpdater.Yaml;
using YamlDotNet.Core;

namespace ImageUpdater.Core.Tests.Yaml;

// A rendered value must read back as exactly the same string, and plain only when no YAML 1.1/1.2 reader takes it for
// another type (a Helm chart would otherwise get the number 1.1 for the tag 1.10).
public sealed class YamlScalarTests
{
    [Theory]
    [InlineData("1.17.10")]
    [InlineData("v1.10")]
    [InlineData("ghcr.io/acme/web:1.2.0@sha256:abc")]
    [InlineData("sha256:0123")]
    [InlineData("latest")]
    [InlineData("1.0-rc1")]
    [InlineData("a#b")]
    public void A_value_that_reads_as_a_string_stays_plain(string value)
    {
        Assert.Equal(value, YamlScalar.Render(value, ScalarStyle.Plain));
    }

    [Theory]
    [InlineData("1.10")]
    [InlineData("10")]
    [InlineData("1e3")]
    [InlineData("0x1F")]
    [InlineData("0o17")]
    [InlineData("017")]
    [InlineData(".inf")]
    [InlineData("-.5")]
    [InlineData("1:20")]
    [InlineData("yes")]
    [InlineData("No")]
    [InlineData("on")]
    [InlineData("OFF")]
    [InlineData("y")]
    [InlineData("n")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData("2024-01-02")]
    [InlineData("2001-12-14t21:59:43.10-05:00")]
    [InlineData("a: b")]
    [InlineData("a #b")]
    [InlineData("- a")]
    [InlineData("*alias")]
    [InlineData("&anchor")]
    [InlineData("!tag")]
    [InlineData("{a}")]
    [InlineData("a,b")]
    [InlineData(" lead")]
    [InlineData("trail ")]
    [InlineData("---")]
    [InlineData("key:")]
    public void A_value_yaml_would_read_as_something_else_is_double_quoted(string value)
    {
        Assert.Equal(YamlScalar.DoubleQuote(value), YamlScalar.Render(value, ScalarStyle.Plain));
    }

    [Theory]
    [InlineData(ScalarStyle.SingleQuoted, "it's", "'it''s'")]
    [InlineData(ScalarStyle.SingleQuoted, "1.10", "'1.10'")]
    [InlineData(ScalarStyle.SingleQuoted, "a\nb", "\"a\\nb\"")]
    [InlineData(ScalarStyle.DoubleQuoted, "say \"hi\" \\ bye", "\"say \\\"hi\\\" \\\\ bye\"")]
    [InlineData(ScalarStyle.Literal, "1.2.0", "\"1.2.0\"")]
    [InlineData(ScalarStyle.Folded, "1.2.0", "\"1.2.0\"")]
    public void Quoted_styles_are_kept_with_their_escaping(ScalarStyle style, string value, string expected)
    {
        Assert.Equal(expected, YamlScalar.Render(value, style));
    }

    [Fact]
    public void Every_rendering_reads_back_as_the_same_string_in_block_and_flow_context()
    {
        var styles = Gen.OneOf(Gen.Const(ScalarStyle.Plain), Gen.Const(ScalarStyle.SingleQuoted), Gen.Const(ScalarStyle.DoubleQuoted), Gen.Const(ScalarStyle.Literal));
        var values = Gen.OneOf(
            Gen.String[Gen.Char[" -:#.,'\"\\[]{}&*!|>%@`?~01239aeyntrufxoINFLlv\t\n\r\u00e9\u0001"], 0, 12],
            Gen.OneOf(Gen.Const("1.10"), Gen.Const("yes"), Gen.Const("Null"), Gen.Const("0x1F"), Gen.Const("1_000"), Gen.Const("+.INF"), Gen.Const("2024-1-2")));

        Gen.Select(values, styles).Sample((value, style) =>
        {
            var rendered = YamlScalar.Render(value, style);
            foreach (var document in new[] { "key: " + rendered + "\n", "key: [" + rendered + "]\n" })
            {
                var root = (MappingNode)new YamlTreeReader(TreeReaderOptions.Default).Read(document).Single().Root!;
                var scalar = root["key"] switch
                {
                    SequenceNode sequence => (ScalarNode)Assert.Single(sequence.Items),
                    var node => (ScalarNode)node!,
                };
                Assert.Equal(value, scalar.Value);
                Assert.False(scalar.IsPlain && (YamlScalar.ResolvesToNonString(value) || value.Length == 0), $"'{value}' was left plain");
            }
        });
    }
}
