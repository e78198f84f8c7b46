using System.Text;
using CsCheck;
using ImageUpdater.Registry.Auth;
using ImageUpdater.Registry.Http;

namespace ImageUpdater.Registry.Tests.Unit;

public sealed class LinkHeaderTests
{
    private static readonly Uri Page = new("https://registry.example/v2/app/tags/list");

    [Theory]
    [InlineData("</v2/app/tags/list?last=b&n=2>; rel=\"next\"", "https://registry.example/v2/app/tags/list?last=b&n=2")]
    [InlineData("<https://other.example/v2/app/tags/list?last=z>; rel=next", "https://other.example/v2/app/tags/list?last=z")]
    [InlineData("</first>; rel=\"first\", </second>; rel=\"prev next\"", "https://registry.example/second")]
    [InlineData("<?last=c>;rel=\"NEXT\"", "https://registry.example/v2/app/tags/list?last=c")]
    public void Finds_the_next_target(string header, string expected) =>
        Assert.Equal(new Uri(expected), LinkHeader.FindNext([header], Page));

    [Theory]
    [InlineData("</v2/app/tags/list?last=b>; rel=\"prev\"")]
    [InlineData("no link at all")]
    [InlineData("</unterminated; rel=\"next\"")]
    public void Ignores_other_relations_and_garbage(string header) => Assert.Null(LinkHeader.FindNext([header], Page));

    [Fact]
    public void Never_throws_on_arbitrary_text() =>
        Gen.String.Sample(text => LinkHeader.FindNext([text], Page) is var _);
}

public sealed class AuthChallengeTests
{
    [Fact]
    public void Reads_a_bearer_challenge_with_quoted_parameters()
    {
        var challenge = AuthChallenge.Parse(["Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull\""]);

        Assert.Equal(new AuthChallenge("Bearer", "https://auth.example/token", "registry.example"), challenge);
    }

    [Fact]
    public void Reads_basic_and_skips_unknown_schemes()
    {
        var challenge = AuthChallenge.Parse(["Negotiate abc", "basic realm=Registry"]);

        Assert.NotNull(challenge);
        Assert.True(challenge.IsBasic);
        Assert.Equal("Registry", challenge.Realm);
    }

    [Fact]
    public void Never_throws_on_arbitrary_text() =>
        Gen.String.Sample(text => AuthChallenge.Parse(["Bearer " + text]) is var _);
}

public sealed class BearerTokenTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Uses_expires_in_and_renews_a_little_early()
    {
        var token = BearerToken.Parse("""{"token":"abc","expires_in":300}"""u8, Now, TimeSpan.FromSeconds(60));

        Assert.Equal("abc", token.Value);
        Assert.Equal(Now.AddSeconds(290), token.ExpiresAt);
        Assert.DoesNotContain("abc", token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Falls_back_to_access_token_and_the_default_lifetime()
    {
        var token = BearerToken.Parse("""{"access_token":"xyz"}"""u8, Now, TimeSpan.FromSeconds(60));

        Assert.Equal("xyz", token.Value);
        Assert.Equal(Now.AddSeconds(54), token.ExpiresAt);
    }

    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("922337203685")]
    public void Keeps_a_huge_expires_in_within_date_range(string seconds)
    {
        var token = BearerToken.Parse(System.Text.Encoding.UTF8.GetBytes($$"""{"token":"abc","expires_in":{{seconds}}}"""), Now, TimeSpan.FromSeconds(60));

        Assert.True(token.ExpiresAt > Now.AddDays(300));
    }

    [Fact]
    public void Refuses_an_answer_without_a_token() =>
        Assert.Throws<FormatException>(() => BearerToken.Parse("""{"expires_in":300}"""u8, Now, TimeSpan.FromSeconds(60)));
}

public sealed class ManifestParserTests
{
    private static readonly Digest Some = Digest.Sha256Of("x"u8);

    [Fact]
    public void Reads_an_index_with_platforms_and_an_attestation_without()
    {
        var body = $$$"""
            {"schemaVersion":2,"mediaType":"{{{ManifestMediaTypes.OciIndex}}}","manifests":[
              {"mediaType":"{{{ManifestMediaTypes.OciManifest}}}","digest":"sha256:{{{new string('1', 64)}}}","platform":{"os":"linux","architecture":"arm","variant":"v7"}},
              {"mediaType":"{{{ManifestMediaTypes.OciManifest}}}","digest":"sha256:{{{new string('2', 64)}}}"}]}
            """;

        var manifest = ManifestParser.ParseManifest(Encoding.UTF8.GetBytes(body), Some, null);

        Assert.True(manifest.IsIndex);
        Assert.Equal(new Platform("linux", "arm", "v7"), manifest.Children[0].Platform);
        Assert.Null(manifest.Children[1].Platform);
    }

    [Fact]
    public void Takes_the_media_type_from_the_header_when_the_body_has_none()
    {
        var body = "{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:" + new string('3', 64) + "\"}}";

        var manifest = ManifestParser.ParseManifest(Encoding.UTF8.GetBytes(body), Some, ManifestMediaTypes.DockerManifest + "; charset=utf-8");

        Assert.Equal(ManifestMediaTypes.DockerManifest, manifest.MediaType);
        Assert.Equal("sha256:" + new string('3', 64), manifest.ConfigDigest.ToString());
    }

    [Theory]
    [InlineData("{\"schemaVersion\":1,\"mediaType\":\"application/vnd.docker.distribution.manifest.v1+json\"}", "Unsupported manifest media type")]
    [InlineData("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}", "no 'config'")]
    [InlineData("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"digest\":\"sha256:xyz\"}}", "not a valid digest")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"config\":", "not valid JSON")]
    public void Explains_what_is_wrong(string body, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ManifestParser.ParseManifest(Encoding.UTF8.GetBytes(body), Some, null));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_created_labels_and_platform_from_a_config()
    {
        var config = ManifestParser.ParseConfig("""{"created":"2024-02-03T04:05:06.123456789Z","os":"linux","architecture":"arm64","variant":"v8","config":{"Labels":{"k":"v","n":null}}}"""u8);

        Assert.Equal(new DateTimeOffset(2024, 2, 3, 4, 5, 6, TimeSpan.Zero).AddTicks(1234567), config.Created);
        Assert.Equal(new Platform("linux", "arm64", "v8"), config.Platform);
        Assert.Equal(new Dictionary<string, string> { ["k"] = "v" }, config.Labels);
    }

    [Fact]
    public void A_bad_created_time_is_an_error() =>
        Assert.Throws<FormatException>(() => ManifestParser.ParseConfig("""{"created":"yesterday"}"""u8));

    [Theory]
    [InlineData("{\"name\":\"a\",\"tags\":null}", 0)]
    [InlineData("{\"name\":\"a\"}", 0)]
    [InlineData("{\"name\":\"a\",\"tags\":[\"1\",\"2\"]}", 2)]
    public void Reads_tag_lists(string body, int count) => Assert.Equal(count, ManifestParser.ParseTagList(Encoding.UTF8.GetBytes(body)).Count);

    [Fact]
    public void Parsers_throw_only_format_exceptions_on_arbitrary_bytes() =>
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            foreach (var parse in new Action[] { () => ManifestParser.ParseManifest(bytes, Some, null), () => ManifestParser.ParseConfig(bytes), () => ManifestParser.ParseTagList(bytes) })
            {
                try
                {
                    parse();
                }
                catch (FormatException)
                {
                }
            }
        });
}
