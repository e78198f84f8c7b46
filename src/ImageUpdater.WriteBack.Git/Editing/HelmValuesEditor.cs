using System.Globalization;
using ImageUpdater.Yaml;

namespace ImageUpdater.WriteBack.Git.Editing;

/// <summary>
/// Sets image keys in a Helm values file (default <c>&lt;source.path&gt;/values.yaml</c>): dotted keys with
/// <c>a[0].b</c> indexing, a literal dotted key at the top level winning over nesting (as the reference does), missing
/// mappings created. An alias leads to its anchor, so the anchored scalar is what changes.
/// </summary>
internal static class HelmValuesEditor
{
    /// <summary>Returns <paramref name="text"/> with every image's Helm keys set.</summary>
    /// <exception cref="ConfigurationException">The file is not valid YAML, or a key runs into something that is not a mapping, sequence item or scalar.</exception>
    public static string Edit(string text, string file, IReadOnlyList<ImageEdit> images) =>
        YamlFile.EditEach(text, file, images.SelectMany(static i => i.HelmParameters()), (root, splicer, parameter) => Set(root, splicer, parameter.Key, parameter.Value, file));

    /// <summary>Returns what the file holds now for each image (its spec key, or name and tag keys joined).</summary>
    /// <exception cref="ConfigurationException">The file is not valid YAML.</exception>
    public static IReadOnlyList<CurrentImage> Read(string text, string file, IReadOnlyList<ImageEdit> images)
    {
        var root = YamlFile.FirstMapping(text, file);
        var current = new List<CurrentImage>();
        foreach (var image in images)
        {
            var values = image.HelmParameters().Select(p => Find(root, p.Key)).ToList();
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

    // Returns true when it added keys (the caller re-reads the text before the next key).
    private static bool Set(MappingNode? root, YamlSplicer splicer, string key, string value, string file)
    {
        var rendered = YamlScalar.Render(value, YamlDotNet.Core.ScalarStyle.Plain);
        var segments = KeyPath.Parse(key);
        if (root is null)
        {
            splicer.AddTopLevelEntry(Names(key, segments, 0), rendered);
            return true;
        }

        if (root.Find(key) is { } literal)
        {
            return SetScalar(splicer, literal.Value, key, value, file);
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
                splicer.AddEntry(mapping, Names(key, segments, i), rendered);
                return true;
            }

            if (i < segments.Count - 1 && entry.Value is ScalarNode { IsNull: true } && segments[i + 1].Index is null)
            {
                splicer.FillEmptyValue(entry, Names(key, segments, i + 1), rendered);
                return true;
            }

            current = entry.Value;
        }

        return SetScalar(splicer, current, key, value, file);
    }

    private static bool SetScalar(YamlSplicer splicer, TreeNode node, string key, string value, string file)
    {
        if (node is not ScalarNode scalar)
        {
            throw Error(file, node, key, $"the value is {node.KindName}, not a scalar");
        }

        if (scalar.Value != value || scalar.IsNull)
        {
            splicer.SetScalar(scalar, value);
        }

        return false;
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
