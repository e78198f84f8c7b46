using ImageUpdater.Yaml;

namespace ImageUpdater.Annotations.Manifests;

/// <summary>
/// Typed access to a document's fields that records an error naming the field path and position for every value of the
/// wrong shape, so one bad field does not hide the others.
/// </summary>
internal sealed class NodeReader(ConfigurationLocation location, List<ConfigurationException> errors)
{
    private static readonly IReadOnlyDictionary<string, string> NoEntries = new Dictionary<string, string>(0);

    public ConfigurationLocation Location { get; set; } = location;

    public List<ConfigurationException> Errors { get; } = errors;

    public void Error(string reason, string path, TreeNode? node) =>
        Errors.Add(new ConfigurationException(reason, Location with
        {
            Key = path,
            Line = node?.Line ?? Location.Line,
            Column = node?.Line is null ? null : node.Column,
        }));

    // Every object needs metadata.name; once it is known, later errors name the object as "Kind [namespace/]name".
    public (MappingNode Metadata, string Name, string Namespace)? Identity(MappingNode root, string kind)
    {
        var metadata = Mapping(root, "metadata", "metadata");
        var name = metadata is null ? null : String(metadata, "name", "metadata.name");
        if (metadata is null || string.IsNullOrEmpty(name))
        {
            Error($"An {kind} needs a name.", "metadata.name", metadata ?? (TreeNode)root);
            return null;
        }

        var ns = String(metadata, "namespace", "metadata.namespace") ?? string.Empty;
        var display = ns.Length == 0 ? kind + " " + name : kind + " " + ns + "/" + name;
        Location = Location with { Resource = Location.Resource + " (" + display + ")" };
        return (metadata, name, ns);
    }

    public MappingNode? Mapping(MappingNode parent, string key, string path) =>
        Get<MappingNode>(parent, key, path, "a mapping");

    public SequenceNode? Sequence(MappingNode parent, string key, string path) =>
        Get<SequenceNode>(parent, key, path, "a sequence");

    public string? String(MappingNode parent, string key, string path) =>
        Get<ScalarNode>(parent, key, path, "a string")?.Value;

    public bool? Bool(MappingNode parent, string key, string path)
    {
        var scalar = Get<ScalarNode>(parent, key, path, "a boolean");
        if (scalar is null)
        {
            return null;
        }

        if (scalar.IsPlain)
        {
            switch (scalar.Value)
            {
                case "true" or "True" or "TRUE":
                    return true;
                case "false" or "False" or "FALSE":
                    return false;
            }
        }

        Error($"'{scalar.Value}' must be a boolean (true or false).", path, scalar);
        return null;
    }

    public IReadOnlyDictionary<string, string> StringMap(MappingNode parent, string key, string path)
    {
        var mapping = Mapping(parent, key, path);
        if (mapping is null)
        {
            return NoEntries;
        }

        var result = new Dictionary<string, string>(mapping.Entries.Count, StringComparer.Ordinal);
        foreach (var (entryKey, value) in mapping.Entries)
        {
            if (value is ScalarNode scalar)
            {
                // Kubernetes stores null label and annotation values as empty strings.
                result[entryKey] = scalar.IsNull ? string.Empty : scalar.Value;
            }
            else
            {
                Error($"Must be a string, not {value.KindName}.", path + "." + entryKey, value);
            }
        }

        return result;
    }

    public IReadOnlyList<string>? StringList(MappingNode parent, string key, string path)
    {
        var sequence = Sequence(parent, key, path);
        if (sequence is null)
        {
            return null;
        }

        var result = new List<string>(sequence.Items.Count);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (sequence.Items[i] is ScalarNode { IsNull: false } scalar)
            {
                result.Add(scalar.Value);
            }
            else
            {
                Error($"Must be a string, not {sequence.Items[i].KindName}.", $"{path}[{i}]", sequence.Items[i]);
            }
        }

        return result;
    }

    public IEnumerable<(MappingNode Item, string Path)> Items(SequenceNode? sequence, string path)
    {
        if (sequence is null)
        {
            yield break;
        }

        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (sequence.Items[i] is MappingNode mapping)
            {
                yield return (mapping, itemPath);
            }
            else
            {
                Error($"Must be a mapping, not {sequence.Items[i].KindName}.", itemPath, sequence.Items[i]);
            }
        }
    }

    private T? Get<T>(MappingNode parent, string key, string path, string expected)
        where T : TreeNode
    {
        var node = parent[key];
        switch (node)
        {
            case null or ScalarNode { IsNull: true }:
                return null;
            case T typed:
                return typed;
            default:
                Error($"Must be {expected}, not {node.KindName}.", path, node);
                return null;
        }
    }
}
