using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ImageUpdater.Yaml;

/// <summary>
/// Reads a YAML stream into node trees, one per document, within <see cref="TreeReaderOptions"/>: text and line length,
/// depth, document count and alias expansion. Aliases share the anchored node instead of copying it, and count as its
/// full size against the node limit. Every node keeps its exact source span.
/// </summary>
internal sealed class YamlTreeReader
{
    private readonly TreeReaderOptions _options;
    private readonly Dictionary<string, (TreeNode Node, long Size)> _anchors = new(StringComparer.Ordinal);
    private Parser _parser = null!;
    private string _text = string.Empty;
    private int _offset;
    private int _lastEnd;
    private long _nodes;
    private long _line;
    private long _column;

    public YamlTreeReader(TreeReaderOptions options) => _options = options;

    /// <summary>Reads every document; a document that is empty yields <see langword="null"/> with the line it starts on.</summary>
    /// <exception cref="TreeSyntaxException">The text is malformed or exceeds a limit.</exception>
    public IEnumerable<(TreeNode? Root, long Line)> Read(string text)
    {
        TextLimits.Check(text, _options);
        _text = text;

        // The parser takes a byte order mark for content; it is skipped, and spans still index the text as given.
        var reader = new StringReader(text);
        _offset = 0;
        if (text.StartsWith('\uFEFF'))
        {
            reader.Read();
            _offset = 1;
        }

        _parser = new Parser(reader);
        Expect<StreamStart>();
        var documents = 0;
        while (!TryConsume<StreamEnd>(out _))
        {
            var start = Expect<DocumentStart>();
            if (++documents > _options.MaxDocuments)
            {
                throw new TreeSyntaxException($"More than {_options.MaxDocuments} documents.", start.Start.Line, start.Start.Column);
            }

            _anchors.Clear();
            TreeNode? root = null;
            if (!TryConsume<DocumentEnd>(out _))
            {
                root = ReadNode(1);
                Expect<DocumentEnd>();
            }

            yield return (root is ScalarNode { IsNull: true } ? null : root, start.Start.Line);
        }
    }

    private TreeNode ReadNode(int depth)
    {
        var current = Peek();
        var line = current.Start.Line;
        var column = current.Start.Column;
        switch (current)
        {
            case AnchorAlias alias:
            {
                Advance();
                if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                {
                    throw new TreeSyntaxException($"Alias '*{alias.Value.Value}' refers to no anchor.", line, column);
                }

                Count(anchored.Size, line, column);
                _lastEnd = (int)alias.End.Index + _offset;
                return anchored.Node;
            }

            case Scalar scalar:
            {
                Advance();
                Count(1, line, column);
                var node = new ScalarNode(scalar.Value, scalar.Style, ScalarSpan(scalar))
                {
                    Anchor = NameOf(scalar.Anchor),
                    Tag = NameOf(scalar.Tag),
                };
                Remember(node, 1);
                _lastEnd = node.Span!.Value.End;
                return node;
            }

            case SequenceStart sequence:
            {
                CheckDepth(depth, line, column);
                Advance();
                var before = Count(1, line, column);
                var items = new List<TreeNode>();
                SequenceEnd? end;
                while (!TryConsume(out end))
                {
                    items.Add(ReadNode(depth + 1));
                }

                var node = new SequenceNode(items, sequence.Style == SequenceStyle.Flow, CollectionSpan(sequence.Start, end.Start, sequence.Style == SequenceStyle.Flow))
                {
                    Anchor = NameOf(sequence.Anchor),
                    Tag = NameOf(sequence.Tag),
                };
                Remember(node, _nodes - before);
                return node;
            }

            case MappingStart mapping:
            {
                CheckDepth(depth, line, column);
                Advance();
                var before = Count(1, line, column);
                var node = ReadMapping(mapping, depth);
                Remember(node, _nodes - before);
                return node;
            }

            default:
                throw new TreeSyntaxException($"Unexpected YAML event {current.GetType().Name}.", line, column);
        }
    }

    private MappingNode ReadMapping(MappingStart start, int depth)
    {
        var entries = new List<MappingEntry>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        List<MappingNode>? merges = null;
        MappingEnd? end;
        while (!TryConsume(out end))
        {
            var key = ReadNode(depth + 1);
            var value = ReadNode(depth + 1);
            if (key is not ScalarNode keyScalar)
            {
                throw new TreeSyntaxException("A mapping key must be a scalar.", key.Line, key.Column);
            }

            if (_options.ExpandMergeKeys && keyScalar is { IsPlain: true, Value: "<<" })
            {
                merges ??= [];
                AddMerge(merges, value);
                continue;
            }

            if (!keys.Add(keyScalar.Value) && _options.RejectDuplicateKeys)
            {
                throw new TreeSyntaxException($"Duplicate key '{keyScalar.Value}'.", key.Line, key.Column);
            }

            entries.Add(new(keyScalar, value));
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

        return new MappingNode(entries, start.Style == MappingStyle.Flow, CollectionSpan(start.Start, end.Start, start.Style == MappingStyle.Flow))
        {
            Anchor = NameOf(start.Anchor),
            Tag = NameOf(start.Tag),
        };
    }

    private static void AddMerge(List<MappingNode> merges, TreeNode value)
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
                throw new TreeSyntaxException("A merge key '<<' must refer to a mapping or a sequence of mappings.", value.Line, value.Column);
        }
    }

    // A block scalar's end event comes at the next token, after any blank lines; those stay outside its span.
    private SourceSpan ScalarSpan(Scalar scalar)
    {
        var start = (int)scalar.Start.Index + _offset;
        var end = (int)scalar.End.Index + _offset;
        if (scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded)
        {
            var content = end;
            while (content > start && _text[content - 1] is ' ' or '\t' or '\r' or '\n')
            {
                content--;
            }

            end = _text.AsSpan(content, end - content) switch
            {
                ['\r', '\n', ..] => content + 2,
                ['\n', ..] or ['\r', ..] => content + 1,
                _ => content,
            };
        }

        return new SourceSpan(start, end, scalar.Start.Line, scalar.Start.Column);
    }

    // A flow collection ends just after its closing bracket (where the end event starts); a block collection ends
    // where its last child in the text does, since its end event comes only at the next token.
    private SourceSpan CollectionSpan(Mark start, Mark endEvent, bool isFlow)
    {
        var from = (int)start.Index + _offset;
        _lastEnd = Math.Max(from, isFlow ? (int)endEvent.Index + _offset + 1 : _lastEnd);
        return new SourceSpan(from, _lastEnd, start.Line, start.Column);
    }

    private static string? NameOf(AnchorName anchor) => anchor.IsEmpty ? null : anchor.Value;

    private static string? NameOf(TagName tag) => tag.IsEmpty ? null : tag.Value;

    private void Remember(TreeNode node, long size)
    {
        if (node.Anchor is { } anchor)
        {
            _anchors[anchor] = (node, size);
        }
    }

    private long Count(long size, long line, long column)
    {
        var before = _nodes;
        _nodes += size;
        if (_nodes > _options.MaxNodes)
        {
            throw new TreeSyntaxException(
                $"The document expands to more than {_options.MaxNodes} nodes (aliases count as what they refer to); refusing to read it.",
                line,
                column);
        }

        return before;
    }

    private void CheckDepth(int depth, long line, long column)
    {
        if (depth > _options.MaxDepth)
        {
            throw new TreeSyntaxException($"Nesting deeper than {_options.MaxDepth} levels.", line, column);
        }
    }

    private ParsingEvent Peek()
    {
        if (_parser.Current is null)
        {
            Advance();
        }

        return _parser.Current ?? throw new TreeSyntaxException("Unexpected end of the YAML stream.", _line, _column, isInvalidSyntax: true);
    }

    private bool TryConsume<T>([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? consumed)
        where T : ParsingEvent
    {
        consumed = Peek() as T;
        if (consumed is null)
        {
            return false;
        }

        Advance();
        return true;
    }

    // YamlDotNet reports most syntax errors as YamlException, but some malformed inputs make it throw other exceptions
    // (InvalidOperationException, ArgumentException for bad tags); all become syntax errors at the best known position.
    private void Advance()
    {
        try
        {
            _parser.MoveNext();
        }
        catch (YamlException ex)
        {
            throw new TreeSyntaxException(MessageOf(ex), ex.Start.Line, ex.Start.Column, isInvalidSyntax: true);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new TreeSyntaxException(ex.Message, _line, _column, isInvalidSyntax: true);
        }

        if (_parser.Current is { } current)
        {
            _line = current.Start.Line;
            _column = current.Start.Column;
        }
    }

    // YamlDotNet prefixes its messages with the marks, which the exception's position already gives.
    private static string MessageOf(YamlException ex)
    {
        var message = ex.InnerException?.Message ?? ex.Message;
        var split = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && split > 0 ? message[(split + 3)..] : message;
    }

    private T Expect<T>()
        where T : ParsingEvent
    {
        var current = Peek();
        if (current is not T expected)
        {
            throw new TreeSyntaxException($"Unexpected YAML event {current.GetType().Name} (expected {typeof(T).Name}).", current.Start.Line, current.Start.Column);
        }

        Advance();
        return expected;
    }
}
