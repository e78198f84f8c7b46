using System.Text;
using System.Text.Json;
using YamlDotNet.Core;

namespace ImageUpdater.Yaml;

/// <summary>
/// Reads one or more JSON values (concatenated or separated by whitespace) into node trees within
/// <see cref="TreeReaderOptions"/>. Positions are known per document (its first line), not per node.
/// </summary>
internal sealed class JsonTreeReader
{
    private readonly TreeReaderOptions _options;
    private long _nodes;
    private long _line = 1;
    private long _lineOffset;

    public JsonTreeReader(TreeReaderOptions options) => _options = options;

    /// <exception cref="TreeSyntaxException">The text is malformed or exceeds a limit.</exception>
    public IReadOnlyList<(TreeNode? Root, long Line)> Read(string text)
    {
        TextLimits.Check(text, _options);
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            AllowMultipleValues = true,
            CommentHandling = JsonCommentHandling.Skip,
            MaxDepth = _options.MaxDepth + 1,
        });
        var documents = new List<(TreeNode?, long)>();
        try
        {
            while (reader.Read())
            {
                var line = LineOf(bytes, reader.TokenStartIndex);
                if (documents.Count >= _options.MaxDocuments)
                {
                    throw new TreeSyntaxException($"More than {_options.MaxDocuments} documents.", line, null);
                }

                using var document = JsonDocument.ParseValue(ref reader);
                TreeNode root;
                try
                {
                    root = Convert(document.RootElement, line);
                }
                catch (InvalidOperationException ex)
                {
                    // The parser accepts an escaped lone surrogate ("\ud800"); only turning it into a string fails.
                    throw new TreeSyntaxException(ex.Message, line, null, isInvalidSyntax: true);
                }

                documents.Add((root is ScalarNode { IsNull: true } ? null : root, line));
            }
        }
        catch (JsonException ex)
        {
            throw new TreeSyntaxException(ex.Message, ex.LineNumber + 1, ex.BytePositionInLine + 1, isInvalidSyntax: true);
        }

        return documents;
    }

    private TreeNode Convert(JsonElement element, long line)
    {
        if (++_nodes > _options.MaxNodes)
        {
            throw new TreeSyntaxException($"The document has more than {_options.MaxNodes} nodes; refusing to read it.", line, null);
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
            {
                var entries = new List<MappingEntry>();
                var keys = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!keys.Add(property.Name))
                    {
                        throw new TreeSyntaxException($"Duplicate key '{property.Name}'.", line, null);
                    }

                    entries.Add(new(new ScalarNode(property.Name, ScalarStyle.DoubleQuoted, null), Convert(property.Value, line)));
                }

                return new MappingNode(entries, IsFlow: true, null);
            }

            case JsonValueKind.Array:
                return new SequenceNode(element.EnumerateArray().Select(item => Convert(item, line)).ToList(), IsFlow: true, null);
            case JsonValueKind.String:
                return new ScalarNode(element.GetString()!, ScalarStyle.DoubleQuoted, null);
            case JsonValueKind.Null:
                return new ScalarNode("null", ScalarStyle.Plain, null);
            default:
                // Numbers and booleans keep their JSON text, which reads like YAML's plain scalars.
                return new ScalarNode(element.GetRawText(), ScalarStyle.Plain, null);
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
