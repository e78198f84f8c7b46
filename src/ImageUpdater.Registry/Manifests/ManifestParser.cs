using System.Globalization;
using System.Text.Json;

namespace ImageUpdater.Registry;

/// <summary>Reads manifests, config blobs and tag lists from their JSON. Errors are <see cref="FormatException"/>.</summary>
internal static class ManifestParser
{
    public static RegistryManifest ParseManifest(ReadOnlySpan<byte> body, Digest digest, string? contentType)
    {
        using var document = Parse(body, "manifest");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The manifest is not a JSON object.");
        }

        // The body's mediaType wins; the header is the fallback for OCI documents that omit the field.
        var mediaType = root.TryGetProperty("mediaType", out var mt) && mt.ValueKind == JsonValueKind.String ? mt.GetString() : null;
        if (string.IsNullOrEmpty(mediaType))
        {
            mediaType = StripParameters(contentType);
        }

        if (string.IsNullOrEmpty(mediaType) || (!ManifestMediaTypes.IsIndex(mediaType) && !ManifestMediaTypes.IsImageManifest(mediaType)))
        {
            // An OCI index may omit mediaType and be served as plain JSON: recognise it by its shape.
            mediaType = root.TryGetProperty("manifests", out _) ? ManifestMediaTypes.OciIndex
                : root.TryGetProperty("config", out _) ? ManifestMediaTypes.OciManifest
                : throw new FormatException($"Unsupported manifest media type '{mediaType}'.");
        }

        if (ManifestMediaTypes.IsIndex(mediaType))
        {
            if (!root.TryGetProperty("manifests", out var manifests) || manifests.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("The index has no 'manifests' array.");
            }

            var children = new List<ManifestChild>(manifests.GetArrayLength());
            foreach (var child in manifests.EnumerateArray())
            {
                var childDigest = ReadDigest(child, "manifests[].digest");
                var childType = child.TryGetProperty("mediaType", out var ct) && ct.ValueKind == JsonValueKind.String ? ct.GetString() ?? string.Empty : string.Empty;
                Platform? platform = null;
                if (child.TryGetProperty("platform", out var p) && p.ValueKind == JsonValueKind.Object)
                {
                    platform = new Platform(String(p, "os"), String(p, "architecture"), String(p, "variant"));
                }

                children.Add(new ManifestChild(childDigest, childType, platform));
            }

            return new RegistryManifest { Digest = digest, MediaType = mediaType, Children = children };
        }

        if (!root.TryGetProperty("config", out var config) || config.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The image manifest has no 'config' object.");
        }

        return new RegistryManifest { Digest = digest, MediaType = mediaType, ConfigDigest = ReadDigest(config, "config.digest") };
    }

    public static ImageConfig ParseConfig(ReadOnlySpan<byte> body)
    {
        using var document = Parse(body, "config blob");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The config blob is not a JSON object.");
        }

        DateTimeOffset? created = null;
        var createdText = String(root, "created");
        if (createdText.Length > 0)
        {
            created = DateTimeOffset.TryParse(TruncateFraction(createdText), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
                ? value
                : throw new FormatException($"The config blob's 'created' value '{createdText}' is not an RFC 3339 time.");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object
            && config.TryGetProperty("Labels", out var labelsElement) && labelsElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in labelsElement.EnumerateObject())
            {
                if (label.Value.ValueKind == JsonValueKind.String)
                {
                    labels[label.Name] = label.Value.GetString() ?? string.Empty;
                }
            }
        }

        return new ImageConfig
        {
            Created = created,
            Labels = labels,
            Platform = new Platform(String(root, "os"), String(root, "architecture"), String(root, "variant")),
        };
    }

    public static List<string> ParseTagList(ReadOnlySpan<byte> body)
    {
        using var document = Parse(body, "tag list");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The tag list is not a JSON object.");
        }

        // Registries answer "tags": null for a repository without tags.
        if (!root.TryGetProperty("tags", out var tags) || tags.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (tags.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The tag list's 'tags' is not an array.");
        }

        var result = new List<string>(tags.GetArrayLength());
        foreach (var tag in tags.EnumerateArray())
        {
            if (tag.ValueKind != JsonValueKind.String)
            {
                throw new FormatException("The tag list holds a value that is not a string.");
            }

            result.Add(tag.GetString()!);
        }

        return result;
    }

    public static string StripParameters(string? contentType)
    {
        if (contentType is null)
        {
            return string.Empty;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
    }

    // Go keeps nanoseconds and .NET rounds them to 100 ns ticks; cutting to 7 digits truncates as Go's ordering would.
    private static string TruncateFraction(string time)
    {
        var dot = time.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return time;
        }

        var end = dot + 1;
        while (end < time.Length && char.IsAsciiDigit(time[end]))
        {
            end++;
        }

        return end - dot - 1 <= 7 ? time : time[..(dot + 8)] + time[end..];
    }

    private static JsonDocument Parse(ReadOnlySpan<byte> body, string what)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
            return JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The {what} is not valid JSON: {ex.Message}", ex);
        }
    }

    private static Digest ReadDigest(JsonElement element, string field)
    {
        var text = String(element, "digest");
        return Digest.TryParse(text, out var digest) ? digest : throw new FormatException($"The manifest's {field} '{text}' is not a valid digest.");
    }

    private static string String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;
}
