using YamlDotNet.Core;

namespace ImageUpdater.Yaml;

/// <summary>
/// A node of a parsed YAML or JSON document. <see cref="Span"/> is where its text is in the source (YAML only), so an
/// editor can replace exactly those characters.
/// </summary>
internal abstract record TreeNode(SourceSpan? Span)
{
    /// <summary>Gets the 1-based line the node starts on, when known.</summary>
    public long? Line => Span?.Line;

    /// <summary>Gets the 1-based column the node starts at, when known.</summary>
    public long? Column => Span?.Column;

    /// <summary>Gets the node's anchor (<c>&amp;name</c>) without the ampersand, if any.</summary>
    public string? Anchor { get; init; }

    /// <summary>Gets the node's explicit tag (<c>!!str</c>, <c>!custom</c>) as written, if any.</summary>
    public string? Tag { get; init; }

    public abstract string KindName { get; }
}

/// <summary>
/// A scalar with its value after unquoting and folding, and its style (JSON strings are double-quoted, other JSON
/// values plain). <see cref="IsNull"/> for YAML's plain <c>null</c>, <c>~</c> or empty value and JSON's <c>null</c>.
/// </summary>
internal sealed record ScalarNode(string Value, ScalarStyle Style, SourceSpan? Span) : TreeNode(Span)
{
    public bool IsPlain => Style == ScalarStyle.Plain;

    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string KindName => IsNull ? "null" : "a scalar";
}

/// <summary>A mapping with its entries in document order (keys are unique unless the reader was told not to check).</summary>
internal sealed record MappingNode(IReadOnlyList<MappingEntry> Entries, bool IsFlow, SourceSpan? Span) : TreeNode(Span)
{
    public override string KindName => "a mapping";

    /// <summary>Gets the value of the first entry with the key, or <see langword="null"/>.</summary>
    public TreeNode? this[string key] => Find(key)?.Value;

    /// <summary>Gets the first entry with the key, or <see langword="null"/>.</summary>
    public MappingEntry? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key == key)
            {
                return entry;
            }
        }

        return null;
    }
}

/// <summary>A sequence with its items in document order.</summary>
internal sealed record SequenceNode(IReadOnlyList<TreeNode> Items, bool IsFlow, SourceSpan? Span) : TreeNode(Span)
{
    public override string KindName => "a sequence";
}

/// <summary>A mapping entry; the key node keeps the key's own span and style.</summary>
internal readonly record struct MappingEntry
{
    public MappingEntry(ScalarNode keyNode, TreeNode value)
    {
        KeyNode = keyNode;
        Value = value;
    }

    public ScalarNode KeyNode { get; }

    public TreeNode Value { get; }

    public string Key => KeyNode.Value;

    public void Deconstruct(out string key, out TreeNode value)
    {
        key = KeyNode.Value;
        value = Value;
    }
}

/// <summary>
/// Where a node's text is: <see cref="Start"/> and <see cref="End"/> are character indexes into the text that was read
/// (end exclusive), <see cref="Line"/> and <see cref="Column"/> are 1-based.
/// </summary>
internal readonly record struct SourceSpan(int Start, int End, long Line, long Column)
{
    public int Length => End - Start;
}
