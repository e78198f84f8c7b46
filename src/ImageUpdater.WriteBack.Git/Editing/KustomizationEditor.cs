using ImageUpdater.Yaml;

namespace ImageUpdater.WriteBack.Git.Editing;

/// <summary>
/// Sets images in the <c>images:</c> list of a kustomization (<c>name</c>, <c>newName</c>, <c>newTag</c>,
/// <c>digest</c>), adding the entry, or the list, when missing. Like the reference's kustomize image setter, the entry
/// ends up holding exactly the new fields: a <c>newTag</c> or <c>digest</c> the new reference lacks is removed.
/// </summary>
internal static class KustomizationEditor
{
    private const string ImagesKey = "images";

    /// <summary>Returns <paramref name="text"/> with every image's entry set.</summary>
    /// <exception cref="ConfigurationException">The file is not valid YAML or its <c>images</c> is not a list of mappings.</exception>
    public static string Edit(string text, string file, IReadOnlyList<ImageEdit> images) =>
        YamlFile.EditEach(text, file, images, (root, splicer, image) => Set(root, splicer, image, file));

    /// <summary>Returns what the kustomization holds now for each image (<c>newName ?? name</c> with tag and digest).</summary>
    /// <exception cref="ConfigurationException">The file is not valid YAML.</exception>
    public static IReadOnlyList<CurrentImage> Read(string text, string file, IReadOnlyList<ImageEdit> images)
    {
        var root = YamlFile.FirstMapping(text, file);
        return images.Select(image =>
        {
            if (FindEntry(root?[ImagesKey] as SequenceNode, NameOf(image)) is not { } entry)
            {
                return new CurrentImage(image, null);
            }

            var name = ValueOf(entry, "newName") ?? ValueOf(entry, "name")!;
            var tag = ValueOf(entry, "newTag");
            var digest = ValueOf(entry, "digest");
            return new CurrentImage(image, name + (tag is null ? string.Empty : ":" + tag) + (digest is null ? string.Empty : "@" + digest));
        }).ToList();
    }

    private static string NameOf(ImageEdit image) => image.KustomizeImageName ?? image.ImageName;

    // The fields of the new entry, in the order kustomize writes them.
    private static List<(string Key, string? Value)> FieldsOf(ImageEdit image) =>
    [
        ("name", NameOf(image)),
        ("newName", image.KustomizeImageName is null ? null : image.ImageName),
        ("newTag", image.Tag),
        ("digest", image.Digest),
    ];

    private static bool Set(MappingNode? root, YamlSplicer splicer, ImageEdit image, string file)
    {
        var fields = FieldsOf(image).Where(static f => f.Value is not null).ToList();
        var lines = fields.Select(static f => f.Key + ": " + YamlScalar.Render(f.Value!, YamlDotNet.Core.ScalarStyle.Plain)).ToList();
        var flow = "{" + string.Join(", ", lines) + "}";
        if (root is null)
        {
            splicer.AddTopLevelEntry([ImagesKey], "[" + flow + "]");
            return true;
        }

        switch (root.Find(ImagesKey))
        {
            case null:
                splicer.AddSequenceEntry(root, ImagesKey, lines, flow);
                return true;
            case { Value: ScalarNode { IsNull: true } } empty:
                splicer.FillEmptyValue(empty, lines);
                return true;
            case { Value: SequenceNode list }:
                if (FindEntry(list, NameOf(image)) is { } entry)
                {
                    return Update(entry, splicer, image, file);
                }

                splicer.AppendItem(list, lines, flow);
                return true;
            case { Value: var other }:
                throw new ConfigurationException($"Cannot set image '{image.Label}': 'images' is {other.KindName}, not a list.", new ConfigurationLocation(file, other.Line, other.Column, Key: ImagesKey));
        }
    }

    // Sets or adds each new field and removes the ones the new reference has not; returns true when it added or removed keys.
    private static bool Update(MappingNode entry, YamlSplicer splicer, ImageEdit image, string file)
    {
        var structural = false;
        foreach (var (key, value) in FieldsOf(image).Skip(1))
        {
            var existing = entry.Find(key);
            if (value is null)
            {
                if (existing is { } stale)
                {
                    if (entry.IsFlow)
                    {
                        throw new ConfigurationException($"Cannot remove '{key}' of image '{image.Label}' from a flow mapping; write the entry in block style.", new ConfigurationLocation(file, entry.Line, entry.Column, Key: key));
                    }

                    splicer.RemoveBlockEntry(stale);
                    structural = true;
                }
            }
            else if (existing is { Value: ScalarNode scalar })
            {
                if (scalar.Value != value || scalar.IsNull)
                {
                    splicer.SetScalar(scalar, value);
                }
            }
            else if (existing is { Value: var other })
            {
                throw new ConfigurationException($"Cannot set '{key}' of image '{image.Label}': it is {other.KindName}, not a scalar.", new ConfigurationLocation(file, other.Line, other.Column, Key: key));
            }
            else
            {
                splicer.AddEntry(entry, [key], YamlScalar.Render(value, YamlDotNet.Core.ScalarStyle.Plain));
                structural = true;
            }
        }

        return structural;
    }

    private static MappingNode? FindEntry(SequenceNode? list, string name) =>
        list?.Items.OfType<MappingNode>().FirstOrDefault(item => ValueOf(item, "name") == name);

    private static string? ValueOf(MappingNode entry, string key) => entry[key] is ScalarNode { IsNull: false } scalar ? scalar.Value : null;
}
