using System.Globalization;
using ImageUpdater.Yaml;

namespace ImageUpdater.WriteBack.Git.Editing;

/// <summary>
/// Sets image keys in a Helm values file (default <c>&lt;source.path&gt;/values.yaml</c>): dotted keys with
/// <c>a[0].b</c> indexing, a literal dotted key at the top level winning over nesting (as the reference does), missing
/// mappings created. An alias leads to its anchor, so the anchored scalar is what changes.
/// </summary>
/// <remarks>
/// The file is read once (by <see cref="BlockYamlScanner"/> when it is in the block subset values files are written
/// in, else by the full parser) and every key set or created from that one tree: keys to create are gathered per
/// parent and written together at the end, so creating a key never reads the file a second time.
/// </remarks>
internal static class HelmValuesEditor
{
    // Where keys are created for a file whose document is empty.
    private static readonly object TopLevel = new();

    /// <summary>Returns <paramref name="text"/> with every image's Helm keys set.</summary>
    /// <exception cref="ConfigurationException">The file is not valid YAML, or a key runs into something that is not a mapping, sequence item or scalar.</exception>
    public static string Edit(string text, string file, IReadOnlyList<ImageEdit> images) => Edit(text, file, images, fastPath: true);

    /// <summary>As <see cref="Edit(string, string, IReadOnlyList{ImageEdit})"/>; <paramref name="fastPath"/> off reads with the full parser only (the differential tests compare both).</summary>
    internal static string Edit(string text, string file, IReadOnlyList<ImageEdit> images, bool fastPath)
    {
        var root = YamlFile.FirstMapping(text, file, fastPath);
        var splicer = new YamlSplicer(text);
        var created = new Dictionary<object, (YamlNewMapping Keys, long Depth, Action<YamlNewMapping> Write)>(ReferenceEqualityComparer.Instance);
        foreach (var (key, value) in images.SelectMany(static i => i.HelmValuesKeys()))
        {
            Set(root, splicer, created, key, value, file);
        }

        // Keys created at one position go deepest first, so that a new child of a nested mapping stays inside it
        // when its parent gets new keys at the same place.
        foreach (var (keys, _, write) in created.Values.OrderByDescending(static c => c.Depth))
        {
            write(keys);
        }

        return splicer.Apply();
    }

    /// <summary>Returns what the file holds now for each image (its spec key, or name and tag keys joined).</summary>
    /// <exception cref="ConfigurationException">The file is not valid YAML.</exception>
    public static IReadOnlyList<CurrentImage> Read(string text, string file, IReadOnlyList<ImageEdit> images)
    {
        var root = YamlFile.FirstMapping(text, file);
        var current = new List<CurrentImage>();
        foreach (var image in images)
        {
            var values = image.HelmValuesKeys().Select(p => Find(root, p.Key)).ToList();
            current.Add(new(image, values switch
            {
                [{ } spec] => spec,
                [{ } name, { } tag] => name + (tag.StartsWith("sha256:", StringComparison.Ordinal) ? "@" : ":") + tag,
                _ => null,
            }));
        }

        return current;
    }

    private static string? Find(MappingNode? root, string key)
    {
        if (root?.Find(key) is { Value: ScalarNode literal })
        {
            return literal.Value;
        }

        TreeNode? node = root;
        foreach (var segment in KeyPath.Parse(key))
        {
            node = (segment, node) switch
            {
                ({ Index: null } s, MappingNode mapping) => mapping[s.Name],
                ({ Index: { } index }, SequenceNode sequence) when index < sequence.Items.Count => sequence.Items[index],
                _ => null,
            };
        }

        return node is ScalarNode { IsNull: false } scalar ? scalar.Value : null;
    }

    private static void Set(MappingNode? root, YamlSplicer splicer, Dictionary<object, (YamlNewMapping Keys, long Depth, Action<YamlNewMapping> Write)> created, string key, string value, string file)
    {
        var rendered = YamlScalar.Render(value, YamlDotNet.Core.ScalarStyle.Plain);
        var segments = KeyPath.Parse(key);
        if (root is null)
        {
            Create(created, TopLevel, 0, splicer.AddTopLevelEntry, key, Names(key, segments, 0), rendered);
            return;
        }

        if (root.Find(key) is { } literal)
        {
            SetScalar(splicer, literal.Value, key, value, file);
            return;
        }

        TreeNode current = root;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            if (segment.Index is { } index)
            {
                current = current is SequenceNode sequence && index < sequence.Items.Count
                    ? sequence.Items[index]
                    : throw Error(file, current, key, $"'{segment}' needs a sequence with an item {index}, but the file has {Describe(current)} there");
                continue;
            }

            if (current is not MappingNode mapping)
            {
                throw Error(file, current, key, $"'{segment.Name}' needs a mapping, but the file has {current.KindName} there");
            }

            if (mapping.Find(segment.Name) is not { } entry)
            {
                Create(created, mapping, mapping.Column ?? 1, keys => splicer.AddEntry(mapping, keys), key, Names(key, segments, i), rendered);
                return;
            }

            if (i < segments.Count - 1 && entry.Value is ScalarNode { IsNull: true } && segments[i + 1].Index is null)
            {
                Create(created, entry.KeyNode, (entry.KeyNode.Column ?? 1) + 1, keys => splicer.FillEmptyValue(entry, keys), key, Names(key, segments, i + 1), rendered);
                return;
            }

            current = entry.Value;
        }

        SetScalar(splicer, current, key, value, file);
    }

    // Gathers a key to create under `parent` with the others created there; `depth` (a column) orders the writes.
    private static void Create(Dictionary<object, (YamlNewMapping Keys, long Depth, Action<YamlNewMapping> Write)> created, object parent, long depth, Action<YamlNewMapping> write, string key, List<string> names, string rendered)
    {
        if (!created.TryGetValue(parent, out var pending))
        {
            pending = (new YamlNewMapping(), depth, write);
            created.Add(parent, pending);
        }

        if (pending.Keys.Set(names, rendered) is { } clash)
        {
            throw new ConfigurationException($"Cannot set Helm key '{key}': another image's key already sets '{clash}' to something else.", new ConfigurationLocation(Key: key));
        }
    }

    private static void SetScalar(YamlSplicer splicer, TreeNode node, string key, string value, string file)
    {
        if (node is not ScalarNode scalar)
        {
            throw Error(file, node, key, $"the value is {node.KindName}, not a scalar");
        }

        if (scalar.Value != value || scalar.IsNull)
        {
            splicer.SetScalar(scalar, value);
        }
    }

    // Keys still to create must all be names: an index cannot be created in a sequence that is not there.
    private static List<string> Names(string key, IReadOnlyList<KeyPath.Segment> segments, int from)
    {
        var names = new List<string>();
        for (var i = from; i < segments.Count; i++)
        {
            if (segments[i].Index is not null)
            {
                throw new ConfigurationException($"Cannot create '{segments[i]}' of Helm key '{key}': the sequence does not exist.", new ConfigurationLocation(Key: key));
            }

            names.Add(segments[i].Name);
        }

        return names;
    }

    private static string Describe(TreeNode node) => node is SequenceNode s ? string.Create(CultureInfo.InvariantCulture, $"a sequence of {s.Items.Count}") : node.KindName;

    private static ConfigurationException Error(string file, TreeNode node, string key, string reason) =>
        new($"Cannot set Helm key '{key}': {reason}.", new ConfigurationLocation(file, node.Line, node.Column, Key: key));
}
