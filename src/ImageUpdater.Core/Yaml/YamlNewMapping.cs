namespace ImageUpdater.Yaml;

/// <summary>
/// Keys to add to a mapping, in order, each holding rendered YAML or a mapping of its own: what
/// <see cref="YamlSplicer"/> inserts when an editor creates several keys under one parent, so that they are written
/// together without reading the text again between them.
/// </summary>
internal sealed class YamlNewMapping
{
    private readonly List<(string Key, object Value)> _entries = [];

    /// <summary>Gets the entries in the order they were added: a value is a rendered scalar or a <see cref="YamlNewMapping"/>.</summary>
    public IReadOnlyList<(string Key, object Value)> Entries => _entries;

    /// <summary>A mapping holding <c>path[0]: {path[1]: ... value}</c>.</summary>
    public static YamlNewMapping Chain(IReadOnlyList<string> path, string value)
    {
        var mapping = new YamlNewMapping();
        mapping.Set(path, value);
        return mapping;
    }

    /// <summary>
    /// Sets <c>path[0]: {path[1]: ... value}</c>, reusing the mappings already added on the way and replacing a value
    /// already set at the same path. Returns the path's first key that already holds a value where a mapping is needed
    /// (or a mapping where a value is), or <see langword="null"/> when it was set.
    /// </summary>
    public string? Set(IReadOnlyList<string> path, string value)
    {
        var mapping = this;
        for (var i = 0; i < path.Count; i++)
        {
            var index = mapping._entries.FindIndex(e => e.Key == path[i]);
            var last = i == path.Count - 1;
            if (index < 0)
            {
                object added = last ? value : new YamlNewMapping();
                mapping._entries.Add((path[i], added));
                if (last)
                {
                    return null;
                }

                mapping = (YamlNewMapping)added;
                continue;
            }

            switch (mapping._entries[index].Value, last)
            {
                case (string, true):
                    mapping._entries[index] = (path[i], value);
                    return null;
                case (YamlNewMapping child, false):
                    mapping = child;
                    break;
                default:
                    return path[i];
            }
        }

        return null;
    }
}
