using System.Buffers;
using YamlDotNet.Core;

namespace ImageUpdater.Yaml;

/// <summary>
/// A fast reader for the subset of YAML that Helm values files, kustomizations and override files are almost always
/// written in: one document of block mappings and block sequences (indentless ones too), single-line plain and quoted
/// scalars without escapes, single-line flow collections of such scalars, comments and blank lines, LF or CRLF, a byte
/// order mark. It builds the same tree, with the same spans, lines and columns, as <see cref="YamlTreeReader"/> with
/// merge keys kept as written, and declines (returns <see langword="false"/>) on anything else: anchors, aliases,
/// tags, block and multi-line scalars, escapes, tabs, document markers, directives, complex or unusual keys, duplicate
/// keys, a limit reached. The caller then reads the text with <see cref="YamlTreeReader"/>, which also reports every
/// error, so the scanner never has to: it only ever accepts text it understands completely.
/// </summary>
/// <remarks>
/// Why a scanner of our own: YamlDotNet's parser alone takes about 7 ms on a 5,000-line values file, over the 5 ms an
/// edit may take, and stopping it early does not help because a key may be the last in the file and the whole file
/// must be read to know it is valid. The differential tests in the git write-back tests hold it to the full parser.
/// </remarks>
internal sealed class BlockYamlScanner
{
    // Characters the subset never holds: tabs, control characters, YAML 1.1 line breaks, a mark inside the text.
    private static readonly SearchValues<char> Declined = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\t\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"
        + "\u007F\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F"
        + "\u2028\u2029\uFEFF\uFFFE\uFFFF");

    // YAML caps an implicit key at 1,024 characters; longer keys are the full parser's to reject.
    private const int MaxKeyLength = 1000;

    private readonly string _text;
    private readonly TreeReaderOptions _options;
    private int _lineStart;
    private int _contentEnd;
    private int _nextLine;
    private long _lineNumber;
    private int _indent;
    private int _lastEnd;
    private long _nodes;

    private BlockYamlScanner(string text, TreeReaderOptions options)
    {
        _text = text;
        _options = options;
    }

    /// <summary>
    /// Reads <paramref name="text"/> when it is in the subset and its only document is a mapping or empty
    /// (<paramref name="root"/> is then <see langword="null"/>); otherwise returns <see langword="false"/>.
    /// </summary>
    public static bool TryReadMapping(string text, TreeReaderOptions options, out MappingNode? root)
    {
        root = null;
        if (text.Length > options.MaxTextLength || options.ExpandMergeKeys || !options.RejectDuplicateKeys)
        {
            return false;
        }

        var bom = text.StartsWith('\uFEFF') ? 1 : 0;
        if (text.AsSpan(bom).IndexOfAny(Declined) >= 0)
        {
            return false;
        }

        try
        {
            TextLimits.Check(text, options);
        }
        catch (TreeSyntaxException)
        {
            return false;
        }

        try
        {
            var scanner = new BlockYamlScanner(text, options);
            return scanner.ReadRoot(bom, out root);
        }
        catch (DeclinedException)
        {
            return false;
        }
    }

    private bool ReadRoot(int bom, out MappingNode? root)
    {
        root = null;
        _nextLine = bom;
        _lineNumber = 0;
        NextLine();
        SkipToContent();
        if (AtEnd)
        {
            return true;
        }

        if (IsDash(_lineStart + _indent))
        {
            return false;
        }

        root = ReadMapping(_indent, _lineStart + _indent, 1);
        return AtEnd;
    }

    private bool AtEnd => _lineStart >= _text.Length;

    // A block mapping whose keys are at column `indent`; its first key starts at `first` on the current line (after
    // a sequence dash, or at the indentation).
    private MappingNode ReadMapping(int indent, int first, int depth)
    {
        CheckDepth(depth);
        Count();
        var start = Span(first, first);
        var entries = new List<MappingEntry>();
        HashSet<string>? keys = null;
        var at = first;
        while (true)
        {
            var key = ReadKey(at) ?? throw Decline();
            if (IsDuplicate(entries, ref keys, key.Node.Value))
            {
                throw Decline();
            }

            TreeNode value;
            var after = SkipSpaces(key.Colon + 1);
            if (after >= _contentEnd || _text[after] == '#')
            {
                if (after < _contentEnd && after == key.Colon + 1)
                {
                    throw Decline();
                }

                value = ReadNestedOrEmpty(indent, key.Colon + 1, allowIndentless: true, depth);
            }
            else
            {
                value = ReadInline(after, depth + 1);
                NextLine();
                SkipToContent();
            }

            entries.Add(new MappingEntry(key.Node, value));
            if (AtEnd || _indent < indent)
            {
                break;
            }

            if (_indent > indent || IsDash(_lineStart + _indent))
            {
                throw Decline();
            }

            at = _lineStart + _indent;
        }

        return new MappingNode(entries, false, start with { End = Math.Max(first, _lastEnd) });
    }

    // After `key:` or `-` with nothing more on the line: a block collection on the lines below, or an empty scalar
    // right after the indicator. The current line is the one holding the indicator.
    private TreeNode ReadNestedOrEmpty(int indent, int indicatorEnd, bool allowIndentless, int depth)
    {
        var empty = Span(indicatorEnd, indicatorEnd);
        NextLine();
        SkipToContent();
        if (!AtEnd && (_indent > indent || (allowIndentless && _indent == indent && IsDash(_lineStart + _indent))))
        {
            var at = _lineStart + _indent;
            return IsDash(at) ? ReadSequence(_indent, depth + 1) : ReadMapping(_indent, at, depth + 1);
        }

        Count();
        _lastEnd = indicatorEnd;
        return new ScalarNode(string.Empty, ScalarStyle.Plain, empty);
    }

    // A block sequence whose dashes are at column `indent`, starting on the current line.
    private SequenceNode ReadSequence(int indent, int depth)
    {
        CheckDepth(depth);
        Count();
        var start = Span(_lineStart + indent, _lineStart + indent);
        var items = new List<TreeNode>();
        while (true)
        {
            var dash = _lineStart + indent;
            var after = SkipSpaces(dash + 1);
            if (after >= _contentEnd || _text[after] == '#')
            {
                if (after < _contentEnd && after == dash + 1)
                {
                    throw Decline();
                }

                items.Add(ReadNestedOrEmpty(indent, dash + 1, allowIndentless: false, depth));
            }
            else if (IsDash(after))
            {
                throw Decline();
            }
            else if (ReadKey(after) is not null)
            {
                items.Add(ReadMapping(after - _lineStart, after, depth + 1));
            }
            else
            {
                items.Add(ReadInline(after, depth + 1));
                NextLine();
                SkipToContent();
            }

            // A mapping item ends at a line indented less than its keys; a sequence item may end the same way.
            if (AtEnd || _indent < indent)
            {
                break;
            }

            if (_indent > indent)
            {
                throw Decline();
            }

            if (!IsDash(_lineStart + _indent))
            {
                // Only an indentless sequence gives way to its parent mapping's next key at its own column; for any
                // other sequence this is invalid, and the full parser says so.
                break;
            }
        }

        return new SequenceNode(items, false, start with { End = _lastEnd });
    }

    // A mapping key at `at` followed by `:` and a space or the line's end: plain (letters, digits and `_-./`) or
    // quoted without escapes. Null when the text there is not such a key.
    private (ScalarNode Node, int Colon)? ReadKey(int at)
    {
        ScalarNode key;
        int end;
        var c = _text[at];
        if (c is '"' or '\'')
        {
            if (ReadQuoted(at) is not { } quoted)
            {
                return null;
            }

            (key, end) = quoted;
        }
        else
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return null;
            }

            end = at + 1;
            while (end < _contentEnd && (char.IsAsciiLetterOrDigit(_text[end]) || _text[end] is '_' or '-' or '.' or '/'))
            {
                end++;
            }

            key = new ScalarNode(_text[at..end], ScalarStyle.Plain, Span(at, end));
        }

        if (end - at > MaxKeyLength || end >= _contentEnd || _text[end] != ':' || (end + 1 < _contentEnd && _text[end + 1] != ' '))
        {
            return null;
        }

        Count();
        return (key, end);
    }

    // A value that starts at `at` and ends on this line, followed only by spaces and a comment.
    private TreeNode ReadInline(int at, int depth)
    {
        TreeNode node;
        int end;
        switch (_text[at])
        {
            case '"' or '\'':
                (node, end) = ReadQuoted(at) ?? throw Decline();
                break;
            case '{' or '[':
                end = at;
                node = ReadFlow(ref end, depth);
                break;
            default:
                end = PlainEnd(at, flow: false);
                node = new ScalarNode(_text[at..end], ScalarStyle.Plain, Span(at, end));
                break;
        }

        Count();
        _lastEnd = Math.Max(_lastEnd, end);
        var rest = SkipSpaces(end);
        if (rest < _contentEnd && (_text[rest] != '#' || rest == end))
        {
            throw Decline();
        }

        return node;
    }

    // A quoted scalar closed on this line: double-quoted without escapes, or single-quoted with '' for a quote.
    private (ScalarNode Node, int End)? ReadQuoted(int at)
    {
        var quote = _text[at];
        var close = at + 1;
        var escaped = false;
        while (true)
        {
            close = _text.IndexOf(quote, close, _contentEnd - close);
            if (close < 0)
            {
                return null;
            }

            if (quote == '\'' && close + 1 < _contentEnd && _text[close + 1] == '\'')
            {
                escaped = true;
                close += 2;
                continue;
            }

            break;
        }

        var value = _text[(at + 1)..close];
        if (quote == '"' && value.Contains('\\', StringComparison.Ordinal))
        {
            return null;
        }

        if (escaped)
        {
            value = value.Replace("''", "'", StringComparison.Ordinal);
        }

        var end = close + 1;
        return (new ScalarNode(value, quote == '"' ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted, Span(at, end)), end);
    }

    // A flow mapping or sequence on this line holding plain or quoted scalars and flow collections.
    private TreeNode ReadFlow(ref int at, int depth)
    {
        CheckDepth(depth);
        Count();
        var open = _text[at];
        var close = open == '{' ? '}' : ']';
        var start = Span(at, at);
        var entries = new List<MappingEntry>();
        var items = new List<TreeNode>();
        HashSet<string>? keys = null;
        at = SkipSpaces(at + 1);
        if (at < _contentEnd && _text[at] == close)
        {
            at++;
        }
        else
        {
            while (true)
            {
                if (open == '{')
                {
                    var key = ReadFlowScalar(ref at);
                    if (at + 1 >= _contentEnd || _text[at] != ':' || _text[at + 1] != ' ' || IsDuplicate(entries, ref keys, key.Value))
                    {
                        throw Decline();
                    }

                    at = SkipSpaces(at + 1);
                    entries.Add(new MappingEntry(key, ReadFlowNode(ref at, depth + 1)));
                }
                else
                {
                    items.Add(ReadFlowNode(ref at, depth + 1));
                }

                at = SkipSpaces(at);
                if (at >= _contentEnd)
                {
                    throw Decline();
                }

                if (_text[at] == close)
                {
                    at++;
                    break;
                }

                if (_text[at] != ',')
                {
                    throw Decline();
                }

                at = SkipSpaces(at + 1);
                if (at >= _contentEnd || _text[at] is ',' or '}' or ']')
                {
                    throw Decline();
                }
            }
        }

        _lastEnd = at;
        var span = start with { End = at };
        return open == '{' ? new MappingNode(entries, true, span) : new SequenceNode(items, true, span);
    }

    private TreeNode ReadFlowNode(ref int at, int depth)
    {
        if (at >= _contentEnd)
        {
            throw Decline();
        }

        if (_text[at] is '{' or '[')
        {
            return ReadFlow(ref at, depth);
        }

        return ReadFlowScalar(ref at);
    }

    private ScalarNode ReadFlowScalar(ref int at)
    {
        if (at >= _contentEnd)
        {
            throw Decline();
        }

        Count();
        if (_text[at] is '"' or '\'')
        {
            var (node, end) = ReadQuoted(at) ?? throw Decline();
            at = end;
            _lastEnd = end;
            return node;
        }

        var start = at;
        at = PlainEnd(start, flow: true);
        _lastEnd = at;
        return new ScalarNode(_text[start..at], ScalarStyle.Plain, Span(start, at));
    }

    // The end of a plain scalar starting at `at` (trailing spaces excluded). In a flow collection it holds no
    // indicator, quote, colon or hash at all, which keeps clear of the rules that differ between YAML versions.
    private int PlainEnd(int at, bool flow)
    {
        var first = _text[at];
        if ("[]{},#&*!|>'\"%@`?:".Contains(first, StringComparison.Ordinal)
            || (first == '-' && (at + 1 >= _contentEnd || _text[at + 1] == ' ')))
        {
            throw Decline();
        }

        var end = at;
        var last = at;
        for (; end < _contentEnd; end++)
        {
            var c = _text[end];
            if (flow ? c is ',' or '[' or ']' or '{' or '}' or ':' or '#' or '"' or '\'' : c == '#' && _text[end - 1] == ' ')
            {
                break;
            }

            if (c == ':' && (end + 1 >= _contentEnd || _text[end + 1] == ' '))
            {
                throw Decline();
            }

            if (c != ' ')
            {
                last = end + 1;
            }
        }

        if (flow && end < _contentEnd && _text[end] is ':' && (end + 1 >= _contentEnd || _text[end + 1] != ' '))
        {
            throw Decline();
        }

        if (flow && end < _contentEnd && _text[end] is '#' or '"' or '\'')
        {
            throw Decline();
        }

        if (last == at)
        {
            throw Decline();
        }

        return last;
    }

    // Most mappings hold a few keys: a linear look is cheaper than a set, which only larger mappings get.
    private static bool IsDuplicate(List<MappingEntry> entries, ref HashSet<string>? keys, string key)
    {
        if (keys is null && entries.Count < 16)
        {
            foreach (var entry in entries)
            {
                if (entry.Key == key)
                {
                    return true;
                }
            }

            return false;
        }

        if (keys is null)
        {
            keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                keys.Add(entry.Key);
            }
        }

        return !keys.Add(key);
    }

    private bool IsDash(int at) => _text[at] == '-' && (at + 1 >= _contentEnd || _text[at + 1] == ' ');

    private int SkipSpaces(int at)
    {
        while (at < _contentEnd && _text[at] == ' ')
        {
            at++;
        }

        return at;
    }

    // Moves to the next line: its start, where its content ends (before CR LF or LF) and its indentation.
    private void NextLine()
    {
        _lineStart = _nextLine;
        _lineNumber++;
        if (_lineStart >= _text.Length)
        {
            _contentEnd = _text.Length;
            _indent = -1;
            return;
        }

        var newline = _text.IndexOf('\n', _lineStart);
        _nextLine = newline < 0 ? _text.Length : newline + 1;
        _contentEnd = newline < 0 ? _text.Length : newline;
        if (_contentEnd > _lineStart && _text[_contentEnd - 1] == '\r')
        {
            _contentEnd--;
        }

        if (_text.AsSpan(_lineStart, _contentEnd - _lineStart).Contains('\r'))
        {
            throw Decline();
        }

        var at = SkipSpaces(_lineStart);
        _indent = at - _lineStart;

        // Document markers and directives start another document or change how this one reads.
        if (_indent == 0 && at < _contentEnd && _text[at] is '%' || StartsMarker(at, "---") || StartsMarker(at, "..."))
        {
            throw Decline();
        }
    }

    private bool StartsMarker(int at, string marker) =>
        at == _lineStart && _text.AsSpan(at, _contentEnd - at).StartsWith(marker, StringComparison.Ordinal)
        && (at + 3 >= _contentEnd || _text[at + 3] == ' ');

    // Skips blank lines and comment lines.
    private void SkipToContent()
    {
        while (!AtEnd)
        {
            var at = _lineStart + _indent;
            if (at < _contentEnd && _text[at] != '#')
            {
                return;
            }

            NextLine();
        }
    }

    // Columns count from the line's start; the first line starts after a byte order mark, as the parser sees it.
    private SourceSpan Span(int start, int end) => new(start, end, _lineNumber, start - _lineStart + 1);

    private void Count()
    {
        if (++_nodes > _options.MaxNodes)
        {
            throw Decline();
        }
    }

    private void CheckDepth(int depth)
    {
        if (depth > _options.MaxDepth)
        {
            throw Decline();
        }
    }

    private static DeclinedException Decline() => new();

    // Thrown inside the scanner only, to unwind to TryReadMapping; never escapes it.
    private sealed class DeclinedException : Exception;
}
