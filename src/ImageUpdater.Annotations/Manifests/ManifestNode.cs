namespace ImageUpdater.Annotations.Manifests;

/// <summary>A node of a parsed YAML or JSON document, with the position it started at when known.</summary>
internal abstract record ManifestNode(long? Line, long? Column)
{
    public abstract string KindName { get; }
}

/// <summary>A scalar; <see cref="IsNull"/> for YAML's plain <c>null</c>, <c>~</c> or empty value and JSON's <c>null</c>.</summary>
internal sealed record ScalarNode(string Value, bool IsNull, bool IsPlain, long? Line, long? Column) : ManifestNode(Line, Column)
{
    public override string KindName => IsNull ? "null" : "a scalar";
}

/// <summary>A mapping with its entries in document order; keys are unique.</summary>
internal sealed record MappingNode(IReadOnlyList<KeyValuePair<string, ManifestNode>> Entries, long? Line, long? Column) : ManifestNode(Line, Column)
{
    public override string KindName => "a mapping";

    public ManifestNode? this[string key]
    {
        get
        {
            foreach (var entry in Entries)
            {
                if (entry.Key == key)
                {
                    return entry.Value;
                }
            }

            return null;
        }
    }
}

/// <summary>A sequence with its items in document order.</summary>
internal sealed record SequenceNode(IReadOnlyList<ManifestNode> Items, long? Line, long? Column) : ManifestNode(Line, Column)
{
    public override string KindName => "a sequence";
}
