using CsCheck;

namespace ImageUpdater.Core.Tests.Model;

public sealed class ImageReferencePropertyTests
{
    private static readonly Gen<string> PathComponent =
        Gen.Select(
            Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], 1, 8],
            Gen.OneOf("", ".", "_", "__", "-", "--"),
            Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], 1, 6])
        .Select((head, separator, tail) => separator.Length == 0 ? head : head + separator + tail);

    private static readonly Gen<string> Name =
        PathComponent.Array[1, 4].Select(parts => string.Join('/', parts))
            .Where(name => !name.StartsWith("library/", StringComparison.Ordinal) && !IsHex64(name));

    private static readonly Gen<string> Registry =
        Gen.OneOf("", "gcr.io", "docker.io", "localhost", "localhost:5000", "registry.example.com:8443", "[::1]:5000", "Upper.Case.io");

    private static readonly Gen<string?> Tag =
        Gen.Frequency(
            (1, Gen.Const((string?)null)),
            (4, Gen.Select(
                    Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"],
                    Gen.String[Gen.Char["abcXYZ0123456789_.-"], 0, 20])
                .Select((first, rest) => (string?)(first + rest))));

    private static readonly Gen<string?> DigestText =
        Gen.Frequency(
            (3, Gen.Const((string?)null)),
            (1, Gen.String[Gen.Char["0123456789abcdef"], 64, 64].Select(hex => (string?)("sha256:" + hex))));

    private static readonly Gen<string> Alias =
        Gen.Frequency(
            (2, Gen.Const(string.Empty)),
            (1, Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-/"], 1, 12]));

    [Fact]
    public void Parse_reads_back_what_ToString_renders()
    {
        Gen.Select(Alias, Registry, Name, Tag, DigestText)
            .Where((_, registry, name, _, _) => registry.Length > 0 || !FirstSegmentLooksLikeRegistry(name))
            .Select((alias, registry, name, tag, digest) =>
                new ImageReference { Alias = alias, Registry = registry, Name = name, Tag = tag, Digest = digest })
            .Sample(
                image => Assert.Equal(image, ImageReference.Parse(image.ToString())),
                iter: 5_000);
    }

    [Fact]
    public void Parse_never_throws_and_rendering_is_stable_for_grammar_input()
    {
        Gen.String[Gen.Char["abcXYZ019:/@=.-_~^<>*[] "], 0, 40]
            .Sample(
                text =>
                {
                    var image = ImageReference.Parse(text);
                    Assert.NotNull(image.Name);
                    if (ImageReference.TryParseStrict(text, out var strict))
                    {
                        Assert.Equal(strict, ImageReference.Parse(strict.ToString()));
                    }
                },
                iter: 20_000);
    }

    // Without a registry, a first segment with '.' or ':' (or 'localhost') is read as one, as Docker does.
    private static bool FirstSegmentLooksLikeRegistry(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && (name[..slash].Contains('.', StringComparison.Ordinal) || name[..slash] == "localhost");
    }

    private static bool IsHex64(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigitLower);
}
