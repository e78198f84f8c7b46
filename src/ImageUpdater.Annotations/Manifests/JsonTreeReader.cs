using System.Text;
using System.Text.Json;

namespace ImageUpdater.Annotations.Manifests;

/// <summary>
/// Reads one or more JSON values (concatenated or separated by whitespace) into node trees. Positions are known per
/// document (its first line), not per node.
/// </summary>
internal sealed class JsonTreeReader
{
    private readonly ManifestReaderOptions _options;
    private long _nodes;
    private long _line = 1;
    private long _lineOffset;

    public JsonTreeReader(ManifestReaderOptions options) => _options = options;

    public IReadOnlyList<(ManifestNode? Root, long Line)> Read(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            AllowMultipleValues = true,
            CommentHandling = JsonCommentHandling.Skip,
            MaxDepth = _options.MaxDepth + 1,
        });
        var documents = new List<(ManifestNode?, long)>();
        try
        {
            while (reader.Read())
            {
                var line = LineOf(bytes, reader.TokenStartIndex);
                if (documents.Count >= _options.MaxDocuments)
                {
                    throw new ManifestSyntaxException($"More than {_options.MaxDocuments} documents.", line, null);
                }

                using var document = JsonDocument.ParseValue(ref reader);
                ManifestNode root;
                try
                {
                    root = Convert(document.RootElement, line);
                }
                catch (InvalidOperationException ex)
                {
                    // The parser accepts an escaped lone surrogate ("\ud800"); only turning it into a string fails.
                    throw new ManifestSyntaxException("Invalid JSON: " + ex.Message, line, null);
                }

                documents.Add((root is ScalarNode { IsNull: true } ? null : root, line));
            }
        }
        catch (JsonException ex)
        {
            throw new ManifestSyntaxException("Invalid JSON: " + ex.Message, ex.LineNumber + 1, ex.BytePositionInLine + 1);
        }

        return documents;
    }

    private ManifestNode Convert(JsonElement element, long line)
    {
        if (++_nodes > _options.MaxNodes)
        {
            throw new ManifestSyntaxException($"The document has more than {_options.MaxNodes} nodes; refusing to read it.", line, null);
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
            {
                var entries = new List<KeyValuePair<string, ManifestNode>>();
                var keys = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!keys.Add(property.Name))
                    {
                        throw new ManifestSyntaxException($"Duplicate key '{property.Name}'.", line, null);
                    }

                    entries.Add(new(property.Name, Convert(property.Value, line)));
                }

                return new MappingNode(entries, null, null);
            }

            case JsonValueKind.Array:
                return new SequenceNode(element.EnumerateArray().Select(item => Convert(item, line)).ToList(), null, null);
            case JsonValueKind.String:
                return new ScalarNode(element.GetString()!, false, false, null, null);
            case JsonValueKind.Null:
                return new ScalarNode("null", true, true, null, null);
            default:
                // Numbers and booleans keep their JSON text, which reads like YAML's plain scalars.
                return new ScalarNode(element.GetRawText(), false, true, null, null);
        }
    }

    // Documents come in order, so the line count continues from the previous document's start.
    private long LineOf(byte[] bytes, long offset)
    {
        for (; _lineOffset < offset && _lineOffset < bytes.Length; _lineOffset++)
        {
            if (bytes[_lineOffset] == (byte)'\n')
            {
                _line++;
            }
        }

        return _line;
    }
}
