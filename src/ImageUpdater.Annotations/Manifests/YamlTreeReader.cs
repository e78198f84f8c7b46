using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ImageUpdater.Annotations.Manifests;

/// <summary>
/// Reads a YAML stream into node trees, one per document, with limits on depth, document count and alias expansion.
/// Aliases share the anchored node instead of copying it, and count as its full size against the node limit.
/// </summary>
internal sealed class YamlTreeReader
{
    private readonly ManifestReaderOptions _options;
    private readonly Dictionary<string, (ManifestNode Node, long Size)> _anchors = new(StringComparer.Ordinal);
    private Parser _parser = null!;
    private long _nodes;
    private long _line;
    private long _column;

    public YamlTreeReader(ManifestReaderOptions options) => _options = options;

    /// <summary>Reads every document; a document that is empty yields <see langword="null"/>.</summary>
    public IEnumerable<(ManifestNode? Root, long Line)> Read(string text)
    {
        _parser = new Parser(new StringReader(text));
        Expect<StreamStart>();
        var documents = 0;
        while (!TryConsume<StreamEnd>())
        {
            var start = Expect<DocumentStart>();
            if (++documents > _options.MaxDocuments)
            {
                throw new ManifestSyntaxException($"More than {_options.MaxDocuments} documents.", start.Start.Line, start.Start.Column);
            }

            _anchors.Clear();
            ManifestNode? root = null;
            if (!TryConsume<DocumentEnd>())
            {
                root = ReadNode(1);
                Expect<DocumentEnd>();
            }

            yield return (root is ScalarNode { IsNull: true } ? null : root, start.Start.Line);
        }
    }

    private ManifestNode ReadNode(int depth)
    {
        var current = Peek();
        var line = (long?)current.Start.Line;
        var column = (long?)current.Start.Column;
        switch (current)
        {
            case AnchorAlias alias:
            {
                Advance();
                if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                {
                    throw new ManifestSyntaxException($"Alias '*{alias.Value.Value}' refers to no anchor.", line, column);
                }

                Count(anchored.Size, line, column);
                return anchored.Node;
            }

            case Scalar scalar:
            {
                Advance();
                Count(1, line, column);
                var isPlain = scalar.Style == ScalarStyle.Plain;
                var isNull = isPlain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
                var node = new ScalarNode(scalar.Value, isNull, isPlain, line, column);
                Remember(scalar.Anchor, node, 1);
                return node;
            }

            case SequenceStart sequence:
            {
                CheckDepth(depth, line, column);
                Advance();
                var before = Count(1, line, column);
                var items = new List<ManifestNode>();
                while (!TryConsume<SequenceEnd>())
                {
                    items.Add(ReadNode(depth + 1));
                }

                var node = new SequenceNode(items, line, column);
                Remember(sequence.Anchor, node, _nodes - before);
                return node;
            }

            case MappingStart mapping:
            {
                CheckDepth(depth, line, column);
                Advance();
                var before = Count(1, line, column);
                var entries = new List<KeyValuePair<string, ManifestNode>>();
                var keys = new HashSet<string>(StringComparer.Ordinal);
                List<MappingNode>? merges = null;
                while (!TryConsume<MappingEnd>())
                {
                    var key = ReadNode(depth + 1);
                    var value = ReadNode(depth + 1);
                    if (key is not ScalarNode keyScalar)
                    {
                        throw new ManifestSyntaxException("A mapping key must be a scalar.", key.Line, key.Column);
                    }

                    if (keyScalar is { IsPlain: true, Value: "<<" })
                    {
                        merges ??= [];
                        AddMerge(merges, value);
                        continue;
                    }

                    if (!keys.Add(keyScalar.Value))
                    {
                        throw new ManifestSyntaxException($"Duplicate key '{keyScalar.Value}'.", key.Line, key.Column);
                    }

                    entries.Add(new(keyScalar.Value, value));
                }

                // Merge keys (<<) fill in only what the mapping does not define itself, earlier merges first.
                foreach (var merged in merges ?? [])
                {
                    foreach (var entry in merged.Entries)
                    {
                        if (keys.Add(entry.Key))
                        {
                            entries.Add(entry);
                        }
                    }
                }

                var node = new MappingNode(entries, line, column);
                Remember(mapping.Anchor, node, _nodes - before);
                return node;
            }

            default:
                throw new ManifestSyntaxException($"Unexpected YAML event {current.GetType().Name}.", line, column);
        }
    }

    private static void AddMerge(List<MappingNode> merges, ManifestNode value)
    {
        switch (value)
        {
            case MappingNode mapping:
                merges.Add(mapping);
                break;
            case SequenceNode sequence when sequence.Items.All(static i => i is MappingNode):
                merges.AddRange(sequence.Items.Cast<MappingNode>());
                break;
            default:
                throw new ManifestSyntaxException("A merge key '<<' must refer to a mapping or a sequence of mappings.", value.Line, value.Column);
        }
    }

    private void Remember(AnchorName anchor, ManifestNode node, long size)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = (node, size);
        }
    }

    private long Count(long size, long? line, long? column)
    {
        var before = _nodes;
        _nodes += size;
        if (_nodes > _options.MaxNodes)
        {
            throw new ManifestSyntaxException(
                $"The document expands to more than {_options.MaxNodes} nodes (aliases count as what they refer to); refusing to read it.",
                line,
                column);
        }

        return before;
    }

    private void CheckDepth(int depth, long? line, long? column)
    {
        if (depth > _options.MaxDepth)
        {
            throw new ManifestSyntaxException($"Nesting deeper than {_options.MaxDepth} levels.", line, column);
        }
    }

    private ParsingEvent Peek()
    {
        if (_parser.Current is null)
        {
            Advance();
        }

        return _parser.Current ?? throw new ManifestSyntaxException("Unexpected end of the YAML stream.", _line, _column);
    }

    private bool TryConsume<T>()
        where T : ParsingEvent
    {
        if (Peek() is not T)
        {
            return false;
        }

        Advance();
        return true;
    }

    // YamlDotNet reports most syntax errors as YamlException, but some malformed inputs make it throw other exceptions
    // (InvalidOperationException, ArgumentException for bad tags); all become syntax errors at the last known position.
    private void Advance()
    {
        try
        {
            _parser.MoveNext();
        }
        catch (Exception ex) when (ex is not YamlException and not OutOfMemoryException)
        {
            throw new ManifestSyntaxException("Invalid YAML: " + ex.Message, _line, _column);
        }

        if (_parser.Current is { } current)
        {
            _line = current.Start.Line;
            _column = current.Start.Column;
        }
    }

    private T Expect<T>()
        where T : ParsingEvent
    {
        var current = Peek();
        if (current is not T expected)
        {
            throw new ManifestSyntaxException($"Unexpected YAML event {current.GetType().Name} (expected {typeof(T).Name}).", current.Start.Line, current.Start.Column);
        }

        Advance();
        return expected;
    }
}
