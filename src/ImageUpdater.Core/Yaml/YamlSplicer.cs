using System.Text;

namespace ImageUpdater.Yaml;

/// <summary>
/// Collects edits on one YAML text (a replaced span, inserted text) and applies them in one pass, so that everything
/// outside the edited spans stays byte for byte as it was. New lines use the text's own line ending and indentation.
/// </summary>
internal sealed class YamlSplicer
{
    private const int DefaultIndentStep = 2;

    private readonly string _text;
    private readonly List<Edit> _edits = [];

    public YamlSplicer(string text)
    {
        _text = text;
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        LineEnding = newline > 0 && text[newline - 1] == '\r' ? "\r\n" : "\n";
    }

    /// <summary>Gets the line ending of the text's first line (LF when it has none).</summary>
    public string LineEnding { get; }

    /// <summary>Gets a value indicating whether any edit was recorded.</summary>
    public bool HasEdits => _edits.Count > 0;

    /// <summary>Replaces the characters of <paramref name="span"/> with <paramref name="replacement"/>.</summary>
    public void Replace(SourceSpan span, string replacement) => Add(span.Start, span.End, replacement);

    /// <summary>Sets a scalar to <paramref name="value"/>, keeping its quoting style where the value allows it.</summary>
    public void SetScalar(ScalarNode scalar, string value)
    {
        var span = ValueOnly(scalar, Require(scalar.Span));
        var rendered = YamlScalar.Render(value, scalar.Style);

        // A block scalar's span ends with its line break, which the quoted replacement must keep.
        if (scalar.Style is YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded)
        {
            var source = _text.AsSpan(span.Start, span.Length);
            rendered += source.EndsWith("\r\n") ? "\r\n" : source.EndsWith("\n") ? "\n" : string.Empty;
        }

        // An empty value (`key:` with nothing after it) has a span of no characters right after the indicator.
        if (span.Length == 0 && span.Start > 0 && !char.IsWhiteSpace(_text[span.Start - 1]))
        {
            rendered = " " + rendered;
        }

        if (!_text.AsSpan(span.Start, span.Length).SequenceEqual(rendered) || scalar.Value != value)
        {
            Replace(span, rendered);
        }
    }

    /// <summary>Removes a block mapping entry: the whole lines from its key to the end of its value.</summary>
    public void RemoveBlockEntry(MappingEntry entry)
    {
        var key = Require(entry.KeyNode.Span);
        var value = Require(entry.Value.Span);
        Add(LineStart(key.Start), LineAfter(Math.Max(key.End, value.End)), string.Empty);
    }

    /// <summary>
    /// Adds <c>path[0]: {path[1]: ... value}</c> to a mapping: as new lines at the indentation of its keys for a block
    /// mapping, inside the braces for a flow mapping. <paramref name="value"/> is rendered YAML.
    /// </summary>
    public void AddEntry(MappingNode mapping, IReadOnlyList<string> path, string value) => AddEntry(mapping, YamlNewMapping.Chain(path, value));

    /// <summary>
    /// Adds the keys of <paramref name="entries"/> to a mapping: as new lines at the indentation of its keys for a block
    /// mapping (nested keys one step of the file's own indentation deeper), inside the braces for a flow mapping.
    /// </summary>
    public void AddEntry(MappingNode mapping, YamlNewMapping entries)
    {
        var span = Require(mapping.Span);
        if (mapping.IsFlow)
        {
            var entry = FlowEntries(entries);
            var close = span.End - 1;
            Add(close, close, mapping.Entries.Count == 0 ? entry : ", " + entry);
            return;
        }

        var indent = mapping.Entries.Count > 0 ? ColumnOf(mapping.Entries[0].KeyNode) : (int)(mapping.Column ?? 1) - 1;
        var at = LineAfter(span.End);
        Add(at, at, LeadingBreak(at) + BlockEntries(entries, indent, IndentStep(mapping, indent)));
    }

    /// <summary>
    /// Replaces an empty (null) value of <paramref name="entry"/> with a block mapping holding
    /// <c>path[0]: {path[1]: ... value}</c>, indented one step deeper than the entry's key.
    /// </summary>
    public void FillEmptyValue(MappingEntry entry, IReadOnlyList<string> path, string value) => FillEmptyValue(entry, YamlNewMapping.Chain(path, value));

    /// <summary>
    /// Replaces an empty (null) value of <paramref name="entry"/> with a block mapping holding the keys of
    /// <paramref name="entries"/>, indented one step deeper than the entry's key.
    /// </summary>
    public void FillEmptyValue(MappingEntry entry, YamlNewMapping entries)
    {
        var keyColumn = ColumnOf(entry.KeyNode);
        var valueSpan = Require(entry.Value.Span);
        var at = LineAfter(Math.Max(Require(entry.KeyNode.Span).End, valueSpan.End));
        if (valueSpan.Length > 0)
        {
            // An explicit null (~, null) goes away; the new mapping starts on the next line.
            Add(valueSpan.Start, valueSpan.End, string.Empty);
        }

        Add(at, at, LeadingBreak(at) + BlockEntries(entries, keyColumn + DefaultIndentStep, DefaultIndentStep));
    }

    /// <summary>Adds <c>path[0]: {path[1]: ... value}</c> at the end of a document that has no top-level mapping yet.</summary>
    public void AddTopLevelEntry(IReadOnlyList<string> path, string value) => AddTopLevelEntry(YamlNewMapping.Chain(path, value));

    /// <summary>Adds the keys of <paramref name="entries"/> at the end of a document that has no top-level mapping yet.</summary>
    public void AddTopLevelEntry(YamlNewMapping entries)
    {
        var at = _text.Length;
        Add(at, at, LeadingBreak(at) + BlockEntries(entries, 0, DefaultIndentStep));
    }

    /// <summary>
    /// Replaces an empty (null) value of <paramref name="entry"/> with a block sequence of one item, its dashes at the
    /// key's indentation.
    /// </summary>
    public void FillEmptyValue(MappingEntry entry, IReadOnlyList<string> blockItemLines)
    {
        var valueSpan = Require(entry.Value.Span);
        var at = LineAfter(Math.Max(Require(entry.KeyNode.Span).End, valueSpan.End));
        if (valueSpan.Length > 0)
        {
            Add(valueSpan.Start, valueSpan.End, string.Empty);
        }

        Add(at, at, LeadingBreak(at) + SequenceItem(blockItemLines, ColumnOf(entry.KeyNode)));
    }

    /// <summary>
    /// Appends an item to a sequence: for a block sequence as <c>- </c> lines at the indentation of its dashes, the
    /// item's lines (rendered YAML, first line after the dash) indented under the dash; for a flow sequence inside the
    /// brackets as <paramref name="flowItem"/>.
    /// </summary>
    public void AppendItem(SequenceNode sequence, IReadOnlyList<string> blockItemLines, string flowItem)
    {
        var span = Require(sequence.Span);
        if (sequence.IsFlow)
        {
            var close = span.End - 1;
            Add(close, close, sequence.Items.Count == 0 ? flowItem : ", " + flowItem);
            return;
        }

        var indent = (int)(sequence.Column ?? 1) - 1;
        var at = LineAfter(span.End);
        Add(at, at, LeadingBreak(at) + SequenceItem(blockItemLines, indent));
    }

    /// <summary>
    /// Adds <c>key:</c> followed by a new block sequence holding one item to a block mapping (the dashes at the key's
    /// indentation, as kustomize writes them), or a flow entry <c>key: [flowItem]</c> to a flow mapping.
    /// </summary>
    public void AddSequenceEntry(MappingNode mapping, string key, IReadOnlyList<string> blockItemLines, string flowItem)
    {
        var span = Require(mapping.Span);
        var renderedKey = YamlScalar.Render(key, YamlDotNet.Core.ScalarStyle.Plain);
        if (mapping.IsFlow)
        {
            var close = span.End - 1;
            var entry = renderedKey + ": [" + flowItem + "]";
            Add(close, close, mapping.Entries.Count == 0 ? entry : ", " + entry);
            return;
        }

        var indent = mapping.Entries.Count > 0 ? ColumnOf(mapping.Entries[0].KeyNode) : 0;
        var at = LineAfter(span.End);
        Add(at, at, LeadingBreak(at) + new string(' ', indent) + renderedKey + ":" + LineEnding + SequenceItem(blockItemLines, indent));
    }

    /// <summary>Applies every edit in order of position and returns the new text.</summary>
    /// <exception cref="InvalidOperationException">Two edits overlap (a programming error in the caller).</exception>
    public string Apply()
    {
        if (_edits.Count == 0)
        {
            return _text;
        }

        // Stable sort: insertions at one position keep the order they were made in.
        var ordered = _edits.Select((edit, index) => (edit, index)).OrderBy(e => e.edit.Start).ThenBy(e => e.index).Select(e => e.edit).ToArray();
        var length = _text.Length;
        var position = 0;
        foreach (var edit in ordered)
        {
            if (edit.Start < position)
            {
                throw new InvalidOperationException($"Overlapping YAML edits at character {edit.Start}.");
            }

            length += edit.Replacement.Length - (edit.End - edit.Start);
            position = edit.End;
        }

        // One copy of a text that may be large, straight into the result.
        return string.Create(length, (Text: _text, Edits: ordered), static (result, state) =>
        {
            var from = 0;
            foreach (var edit in state.Edits)
            {
                state.Text.AsSpan(from, edit.Start - from).CopyTo(result);
                result = result[(edit.Start - from)..];
                edit.Replacement.CopyTo(result);
                result = result[edit.Replacement.Length..];
                from = edit.End;
            }

            state.Text.AsSpan(from).CopyTo(result);
        });
    }

    private void Add(int start, int end, string replacement)
    {
        if (start < 0 || end < start || end > _text.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"The span {start}..{end} is outside the text.");
        }

        _edits.Add(new Edit(start, end, replacement));
    }

    private static string FlowEntries(YamlNewMapping entries) => string.Join(", ", entries.Entries.Select(static e =>
        YamlScalar.Render(e.Key, YamlDotNet.Core.ScalarStyle.Plain) + ": " + (e.Value is YamlNewMapping child ? "{" + FlowEntries(child) + "}" : (string)e.Value)));

    private string BlockEntries(YamlNewMapping entries, int indent, int step)
    {
        var text = new StringBuilder();
        AppendBlockEntries(text, entries, indent, step);
        return text.ToString();
    }

    private void AppendBlockEntries(StringBuilder text, YamlNewMapping entries, int indent, int step)
    {
        foreach (var (key, value) in entries.Entries)
        {
            text.Append(' ', indent).Append(YamlScalar.Render(key, YamlDotNet.Core.ScalarStyle.Plain)).Append(':');
            if (value is YamlNewMapping child)
            {
                text.Append(LineEnding);
                AppendBlockEntries(text, child, indent + step, step);
            }
            else
            {
                text.Append(' ').Append((string)value).Append(LineEnding);
            }
        }
    }

    private string SequenceItem(IReadOnlyList<string> lines, int indent)
    {
        var text = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            text.Append(' ', indent).Append(i == 0 ? "- " : "  ").Append(lines[i]).Append(LineEnding);
        }

        return text.ToString();
    }

    // The step between a mapping's keys and their children, as the file already uses it; 2 when nothing shows it.
    private static int IndentStep(MappingNode mapping, int indent)
    {
        foreach (var entry in mapping.Entries)
        {
            if (entry.Value is MappingNode { IsFlow: false, Entries.Count: > 0 } child)
            {
                var step = ColumnOf(child.Entries[0].KeyNode) - indent;
                if (step > 0)
                {
                    return step;
                }
            }
        }

        return DefaultIndentStep;
    }

    // Text inserted at the very end of a file whose last line has no line break needs one first.
    private string LeadingBreak(int at) => at == _text.Length && at > 0 && _text[at - 1] != '\n' ? LineEnding : string.Empty;

    private int LineStart(int index)
    {
        var newline = index == 0 ? -1 : _text.LastIndexOf('\n', index - 1);
        return newline + 1;
    }

    // The start of the line after the one holding index - 1, or the end of the text.
    private int LineAfter(int end)
    {
        if (end > 0 && _text[end - 1] == '\n')
        {
            return end;
        }

        var newline = _text.IndexOf('\n', end);
        return newline < 0 ? _text.Length : newline + 1;
    }

    // A scalar's span starts at its properties (&anchor, !tag); they stay, only the value after them changes.
    private SourceSpan ValueOnly(ScalarNode scalar, SourceSpan span)
    {
        var start = span.Start;
        while ((scalar.Anchor is not null || scalar.Tag is not null) && start < span.End && _text[start] is '&' or '!')
        {
            while (start < span.End && !char.IsWhiteSpace(_text[start]))
            {
                start++;
            }

            while (start < span.End && char.IsWhiteSpace(_text[start]))
            {
                start++;
            }
        }

        return span with { Start = start };
    }

    private static int ColumnOf(TreeNode node) => (int)(node.Column ?? 1) - 1;

    private static SourceSpan Require(SourceSpan? span) =>
        span ?? throw new InvalidOperationException("The node has no source span; only nodes read from YAML text can be edited.");

    private readonly record struct Edit(int Start, int End, string Replacement);
}
