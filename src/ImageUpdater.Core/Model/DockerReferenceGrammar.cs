using System.Text.RegularExpressions;

namespace ImageUpdater;

/// <summary>
/// The Docker/OCI distribution reference grammar (<c>reference.ParseNormalizedNamed</c>) with the reference
/// updater's post-processing of its result. Written by hand: no .NET library implements this grammar.
/// </summary>
internal static partial class DockerReferenceGrammar
{
    private const int NameTotalLengthMax = 255;
    private const string LegacyDefaultDomain = "index.docker.io";
    private const string OfficialRepoPrefix = "library/";

    // Go's \w is ASCII-only, hence the explicit classes.
    private const string DomainAndPort =
        @"(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?";

    private const string PathComponent = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private const string RemoteName = PathComponent + "(?:/" + PathComponent + ")*";
    private const string Tag = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
    private const string DigestPattern = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";

    public static bool IsTag(string text) => AnchoredTag().IsMatch(text);

    public static bool TryParse(string identifier, out ImageReference reference)
    {
        reference = null!;
        var (alias, imageText) = ImageAlias.Split(identifier);

        if (!TryParseNormalized(imageText, out var domain, out var path, out var tag, out var digest))
        {
            return false;
        }

        // The reference drops the implied Docker Hub registry and the implied library/ namespace, keeping both only
        // when the user wrote them.
        if (domain == ImageReference.DockerHubRegistry)
        {
            if (!imageText.StartsWith(ImageReference.DockerHubRegistry, StringComparison.Ordinal))
            {
                domain = string.Empty;
            }

            if (!imageText.StartsWith(OfficialRepoPrefix, StringComparison.Ordinal) && path.StartsWith(OfficialRepoPrefix, StringComparison.Ordinal))
            {
                path = path[OfficialRepoPrefix.Length..];
            }
        }

        reference = new ImageReference { Alias = alias, Registry = domain, Name = path, Tag = tag, Digest = digest };
        return true;
    }

    private static bool TryParseNormalized(string text, out string domain, out string path, out string? tag, out string? digest)
    {
        domain = path = string.Empty;
        tag = digest = null;
        if (AnchoredIdentifier().IsMatch(text))
        {
            return false; // a bare 64-hex identifier is refused as a repository name
        }

        var (splitDomain, remainder) = SplitDockerDomain(text);
        var tagSeparator = remainder.IndexOf(':', StringComparison.Ordinal);
        var remote = tagSeparator >= 0 ? remainder[..tagSeparator] : remainder;
        if (!string.Equals(remote, remote.ToLowerInvariant(), StringComparison.Ordinal))
        {
            return false; // repository name must be lowercase
        }

        var match = AnchoredReference().Match(splitDomain + "/" + remainder);
        if (!match.Success)
        {
            return false;
        }

        var name = match.Groups["name"].Value;
        if (name.Length > NameTotalLengthMax)
        {
            return false;
        }

        if (match.Groups["digest"].Success)
        {
            // Only the registered algorithms, each with its exact lowercase hex length, are accepted.
            if (!IsRegisteredAlgorithm(match.Groups["digest"].Value) || !Digest.TryParse(match.Groups["digest"].Value, out _))
            {
                return false;
            }

            digest = match.Groups["digest"].Value;
        }

        if (match.Groups["tag"].Success)
        {
            tag = match.Groups["tag"].Value;
        }

        var nameMatch = AnchoredName().Match(name);
        domain = nameMatch.Groups["domain"].Value;
        path = nameMatch.Groups["path"].Value;
        return true;
    }

    private static bool IsRegisteredAlgorithm(string digest) =>
        digest.StartsWith("sha256:", StringComparison.Ordinal)
        || digest.StartsWith("sha384:", StringComparison.Ordinal)
        || digest.StartsWith("sha512:", StringComparison.Ordinal);

    private static (string Domain, string Remainder) SplitDockerDomain(string name)
    {
        string domain;
        string remainder;
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || IsPlainFirstSegment(name[..slash]))
        {
            domain = ImageReference.DockerHubRegistry;
            remainder = name;
        }
        else
        {
            domain = name[..slash];
            remainder = name[(slash + 1)..];
        }

        if (domain == LegacyDefaultDomain)
        {
            domain = ImageReference.DockerHubRegistry;
        }

        if (domain == ImageReference.DockerHubRegistry && !remainder.Contains('/', StringComparison.Ordinal))
        {
            remainder = OfficialRepoPrefix + remainder;
        }

        return (domain, remainder);

        static bool IsPlainFirstSegment(string segment) =>
            segment.AsSpan().IndexOfAny('.', ':') < 0
            && segment != "localhost"
            && string.Equals(segment, segment.ToLowerInvariant(), StringComparison.Ordinal);
    }

    // Go's $ (without the m flag) matches only at the very end; .NET's $ also matches before a final '\n', so the
    // anchors are \z: "nginx:1.0\n" must fail the grammar and fall back to the lenient split as it does there.
    [GeneratedRegex("^[a-f0-9]{64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex AnchoredIdentifier();

    [GeneratedRegex("^" + Tag + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex AnchoredTag();

    [GeneratedRegex("^(?<name>(?:" + DomainAndPort + "/)?" + RemoteName + ")(?::(?<tag>" + Tag + "))?(?:@(?<digest>" + DigestPattern + "))?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex AnchoredReference();

    [GeneratedRegex("^(?:(?<domain>" + DomainAndPort + ")/)?(?<path>" + RemoteName + ")\\z", RegexOptions.CultureInvariant)]
    private static partial Regex AnchoredName();
}
