namespace ImageUpdater;

/// <summary>
/// The reference updater's lenient split, used when the Docker grammar rejects an identifier. It keeps a version
/// constraint written in place of a tag (<c>nginx:~1.2</c>) and short or unusual digests.
/// </summary>
internal static class LegacyImageSplit
{
    public static ImageReference Parse(string identifier)
    {
        // The reference reads the registry from the second '='-separated field but the name from everything after
        // the first '='; both quirks are kept so that odd input resolves as it does there.
        var fields = identifier.Split('=');
        var registrySource = fields.Length > 1 ? fields[1] : identifier;
        var registry = RegistryOf(registrySource);

        var (alias, imageText) = ImageAlias.Split(identifier);

        var segments = imageText.Split('/');
        if (segments.Length > 1 && segments[0].Contains('.', StringComparison.Ordinal))
        {
            imageText = string.Join('/', segments, 1, segments.Length - 1);
        }

        string name;
        string? tag = null;
        string? digest = null;
        var at = imageText.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var beforeAt = imageText[..at];
            digest = imageText[(at + 1)..];
            var colon = beforeAt.LastIndexOf(':');
            var slash = beforeAt.LastIndexOf('/');
            if (colon > slash)
            {
                name = beforeAt[..colon];
                tag = beforeAt[(colon + 1)..];
            }
            else
            {
                name = beforeAt;
                tag = string.Empty;
            }
        }
        else
        {
            var colon = imageText.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                name = imageText;
            }
            else
            {
                name = imageText[..colon];
                tag = imageText[(colon + 1)..];
            }
        }

        return new ImageReference
        {
            Alias = alias,
            Registry = registry,
            Name = name,
            Tag = string.IsNullOrEmpty(tag) ? null : tag,
            Digest = string.IsNullOrEmpty(digest) ? null : digest,
        };
    }

    private static string RegistryOf(string imageText)
    {
        var slash = imageText.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return string.Empty;
        }

        var first = imageText[..slash];
        return first.Contains('.', StringComparison.Ordinal) ? first : string.Empty;
    }
}
