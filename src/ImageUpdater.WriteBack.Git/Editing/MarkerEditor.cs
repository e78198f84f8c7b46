using System.Text.Json;
using System.Text.RegularExpressions;
using ImageUpdater.Yaml;

namespace ImageUpdater.WriteBack.Git.Editing;

/// <summary>
/// Sets scalars marked with Flux's line comment <c># {"$imagepolicy": "[namespace:]alias[:tag|:name|:digest]"}</c> in
/// plain manifests: no suffix sets the full reference, <c>:tag</c> the tag, <c>:name</c> the name and <c>:digest</c>
/// the digest. A marker naming a namespace applies only to an application in that namespace.
/// </summary>
internal static partial class MarkerEditor
{
    /// <summary>Returns <paramref name="text"/> with every marked scalar of a known alias set.</summary>
    /// <exception cref="ConfigurationException">The file is not valid YAML.</exception>
    public static string Edit(string text, string file, IReadOnlyList<ImageEdit> images, string? appNamespace)
    {
        var splicer = new YamlSplicer(text);
        foreach (var (scalar, marker) in Markers(text, file))
        {
            if (Resolve(marker, images, appNamespace) is { } image && ValueFor(image, marker.Part) is { } value && value != scalar.Value)
            {
                splicer.SetScalar(scalar, value);
            }
        }

        return splicer.Apply();
    }

    /// <summary>Returns, for each image, the reference its markers hold now (a full-reference marker first, else name with tag and digest).</summary>
    /// <exception cref="ConfigurationException">The file is not valid YAML.</exception>
    public static IReadOnlyList<CurrentImage> Read(string text, string file, IReadOnlyList<ImageEdit> images, string? appNamespace)
    {
        var found = Markers(text, file)
            .Select(m => (Image: Resolve(m.Marker, images, appNamespace), m.Marker.Part, m.Scalar.Value))
            .Where(static m => m.Image is not null)
            .ToList();
        return images.Select(image =>
        {
            string? Part(MarkerPart part) => found.FirstOrDefault(m => ReferenceEquals(m.Image, image) && m.Part == part).Value;
            var name = Part(MarkerPart.Name);
            var reference = Part(MarkerPart.Reference)
                ?? (name is null ? null : name + (Part(MarkerPart.Tag) is { } tag ? ":" + tag : string.Empty) + (Part(MarkerPart.Digest) is { } digest ? "@" + digest : string.Empty));
            return new CurrentImage(image, reference);
        }).ToList();
    }

    private static IEnumerable<(ScalarNode Scalar, Marker Marker)> Markers(string text, string file)
    {
        var seen = new HashSet<int>();
        var scalars = new List<ScalarNode>();
        foreach (var document in YamlFile.Documents(text, file))
        {
            Collect(document, scalars);
        }

        foreach (var scalar in scalars)
        {
            // An alias shares its anchor's node: each scalar in the text is edited once.
            if (!seen.Add(scalar.Span!.Value.Start) || ParseComment(text, scalar.Span.Value.End, file, scalar) is not { } marker)
            {
                continue;
            }

            yield return (scalar, marker);
        }
    }

    private static void Collect(TreeNode? node, List<ScalarNode> scalars)
    {
        switch (node)
        {
            case ScalarNode scalar:
                scalars.Add(scalar);
                break;
            case MappingNode mapping:
                foreach (var entry in mapping.Entries)
                {
                    Collect(entry.Value, scalars);
                }

                break;
            case SequenceNode sequence:
                foreach (var item in sequence.Items)
                {
                    Collect(item, scalars);
                }

                break;
        }
    }

    private static Marker? ParseComment(string text, int end, string file, ScalarNode scalar)
    {
        var lineEnd = text.IndexOf('\n', end);
        var rest = text.AsSpan(end, (lineEnd < 0 ? text.Length : lineEnd) - end);
        var match = CommentPattern().Match(rest.ToString());
        if (!match.Success)
        {
            return null;
        }

        string? policy;
        try
        {
            using var json = JsonDocument.Parse(match.Groups["json"].Value);
            policy = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("$imagepolicy", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            policy = null;
        }

        return policy is null
            ? throw new ConfigurationException(
                "The $imagepolicy marker is malformed; write it as # {\"$imagepolicy\": \"[namespace:]alias[:tag|:name|:digest]\"}.",
                new ConfigurationLocation(file, scalar.Line))
            : Marker.Parse(policy, file, scalar.Line);
    }

    private static ImageEdit? Resolve(Marker marker, IReadOnlyList<ImageEdit> images, string? appNamespace) =>
        marker.Namespace is not null && appNamespace is not null && marker.Namespace != appNamespace
            ? null
            : images.FirstOrDefault(i => i.Alias.Length > 0 && i.Alias == marker.Alias);

    private static string? ValueFor(ImageEdit image, MarkerPart part) => part switch
    {
        MarkerPart.Tag => image.Tag,
        MarkerPart.Name => image.ImageName,
        MarkerPart.Digest => image.Digest,
        _ => image.NewImage,
    };

    [GeneratedRegex("""^[ \t]*#[ \t]*(?<json>\{.*"\$imagepolicy".*\})[ \t]*\r?$""", RegexOptions.CultureInvariant)]
    private static partial Regex CommentPattern();

    private enum MarkerPart
    {
        Reference,
        Tag,
        Name,
        Digest,
    }

    private sealed record Marker(string? Namespace, string Alias, MarkerPart Part)
    {
        public static Marker Parse(string policy, string file, long? line)
        {
            var parts = policy.Split(':');
            var part = parts.Length > 1 ? parts[^1] switch
            {
                "tag" => MarkerPart.Tag,
                "name" => MarkerPart.Name,
                "digest" => MarkerPart.Digest,
                _ => MarkerPart.Reference,
            } : MarkerPart.Reference;
            var names = part == MarkerPart.Reference ? parts : parts[..^1];
            return names switch
            {
                [var alias] when alias.Length > 0 => new Marker(null, alias, part),
                [var ns, var alias] when ns.Length > 0 && alias.Length > 0 => new Marker(ns, alias, part),
                _ => throw new ConfigurationException(
                    $"The $imagepolicy marker '{policy}' is not [namespace:]alias[:tag|:name|:digest].",
                    new ConfigurationLocation(file, line)),
            };
        }
    }
}
