using System.Text;
using ImageUpdater.Applications;
using ImageUpdater.WriteBack.Git.Editing;
using ImageUpdater.Yaml;
using YamlDotNet.Core;

namespace ImageUpdater.WriteBack.Git.Applications;

/// <summary>
/// Splices a new source's Helm parameters and Kustomize images into the Application's own YAML document: values that
/// differ are replaced in their spans, missing items are appended to the sequence, missing blocks are added under the
/// source; everything else (comments, quoting, indentation, line endings, other documents) stays as it was.
/// </summary>
internal static class ApplicationFileEditor
{
    /// <summary>Returns <paramref name="text"/> with the source at <paramref name="sourceIndex"/> holding <paramref name="source"/>'s images.</summary>
    /// <exception cref="ConfigurationException">The file is not valid YAML, does not hold the application once, or the source cannot be edited.</exception>
    public static string ReplaceSource(string text, string file, ArgoApplication application, int sourceIndex, ApplicationSource source)
    {
        var node = FindSource(text, file, application, sourceIndex);
        var splicer = new YamlSplicer(text);
        if (source.Helm is { Parameters.Count: > 0 } helm)
        {
            SetHelmParameters(splicer, text, file, node, helm.Parameters);
        }

        if (source.Kustomize is { Images.Count: > 0 } kustomize)
        {
            SetKustomizeImages(splicer, text, file, node, kustomize.Images);
        }

        return splicer.Apply();
    }

    private static MappingNode FindSource(string text, string file, ArgoApplication application, int sourceIndex)
    {
        var matches = YamlFile.Documents(text, file).SelectMany(Objects).Where(o => IsApplication(o, application)).ToList();
        if (matches.Count != 1)
        {
            throw new ConfigurationException($"The file holds {(matches.Count == 0 ? "no" : matches.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))} {application.DisplayName}; expected exactly one.", new ConfigurationLocation(file));
        }

        var spec = matches[0]["spec"] as MappingNode;
        var key = sourceIndex < 0 ? "spec.source" : $"spec.sources[{sourceIndex}]";
        var node = sourceIndex < 0
            ? spec?["source"]
            : spec?["sources"] is SequenceNode sources && sourceIndex < sources.Items.Count ? sources.Items[sourceIndex] : null;
        return node switch
        {
            MappingNode { IsFlow: false, Entries.Count: > 0 } mapping => mapping,
            MappingNode mapping => throw new ConfigurationException("The source is written in flow style or empty; only block style can be edited.", new ConfigurationLocation(file, mapping.Line, mapping.Column, application.DisplayName, key)),
            _ => throw new ConfigurationException("The application has no such source.", new ConfigurationLocation(file, matches[0].Line, matches[0].Column, application.DisplayName, key)),
        };
    }

    // A document is one object, a List of objects or a sequence of objects.
    private static IEnumerable<MappingNode> Objects(TreeNode? root) => root switch
    {
        MappingNode { } list when list["items"] is SequenceNode items && list["kind"] is ScalarNode { Value: var kind } && kind.EndsWith("List", StringComparison.Ordinal)
            => items.Items.OfType<MappingNode>(),
        MappingNode single => [single],
        SequenceNode sequence => sequence.Items.OfType<MappingNode>(),
        _ => [],
    };

    private static bool IsApplication(MappingNode obj, ArgoApplication application) =>
        obj["kind"] is ScalarNode { Value: "Application" }
        && obj["metadata"] is MappingNode metadata
        && metadata["name"] is ScalarNode { Value: var name } && name == application.Name
        && (metadata["namespace"] is ScalarNode { IsNull: false } ns ? ns.Value : string.Empty) == application.Namespace;

    private static void SetHelmParameters(YamlSplicer splicer, string text, string file, MappingNode source, IReadOnlyList<HelmParameter> parameters)
    {
        if (source.Find("helm") is not { } helmEntry)
        {
            var indent = ColumnOf(source.Entries[0].KeyNode);
            var block = new StringBuilder().Append(' ', indent).Append("helm:").Append(splicer.LineEnding)
                .Append(' ', indent + 2).Append("parameters:").Append(splicer.LineEnding);
            AppendItems(block, parameters.Select(HelmItem), indent + 2, splicer.LineEnding);
            InsertAfter(splicer, text, source, block.ToString());
            return;
        }

        var helm = BlockMapping(helmEntry, file, "helm");
        if (helm.Find("parameters") is not { } parametersEntry)
        {
            var indent = ColumnOf(helm.Entries[0].KeyNode);
            var block = new StringBuilder().Append(' ', indent).Append("parameters:").Append(splicer.LineEnding);
            AppendItems(block, parameters.Select(HelmItem), indent, splicer.LineEnding);
            InsertAfter(splicer, text, helm, block.ToString());
            return;
        }

        var list = Sequence(parametersEntry, file, "helm.parameters");
        var added = new List<HelmParameter>();
        foreach (var parameter in parameters)
        {
            var item = list.Items.OfType<MappingNode>().FirstOrDefault(i => i["name"] is ScalarNode { Value: var name } && name == parameter.Name);
            if (item is null)
            {
                added.Add(parameter);
                continue;
            }

            switch (item["value"])
            {
                case ScalarNode value when value.Value != parameter.Value:
                    splicer.SetScalar(value, parameter.Value);
                    break;
                case null:
                    splicer.AddEntry(item, ["value"], Plain(parameter.Value));
                    break;
                case ScalarNode:
                    break;
                default:
                    throw new ConfigurationException($"The value of Helm parameter '{parameter.Name}' is not a scalar.", new ConfigurationLocation(file, item.Line, item.Column, Key: "helm.parameters"));
            }

            if (parameter.ForceString)
            {
                SetForceString(splicer, item);
            }
        }

        // After the edits of existing items: an entry added to the last item goes where new items go, and before them.
        foreach (var parameter in added)
        {
            splicer.AppendItem(list, HelmItem(parameter), "{" + string.Join(", ", HelmItem(parameter)) + "}");
        }
    }

    private static void SetForceString(YamlSplicer splicer, MappingNode item)
    {
        switch (item["forceString"])
        {
            case null:
                splicer.AddEntry(item, ["forceString"], "true");
                break;
            case ScalarNode { IsPlain: true, Value: "true" or "True" or "TRUE" }:
                break;
            case var other:
                // A boolean, so never quoted: the splicer's string rendering would quote it.
                splicer.Replace(other.Span!.Value, "true");
                break;
        }
    }

    private static void SetKustomizeImages(YamlSplicer splicer, string text, string file, MappingNode source, IReadOnlyList<string> images)
    {
        if (source.Find("kustomize") is not { } kustomizeEntry)
        {
            var indent = ColumnOf(source.Entries[0].KeyNode);
            var block = new StringBuilder().Append(' ', indent).Append("kustomize:").Append(splicer.LineEnding)
                .Append(' ', indent + 2).Append("images:").Append(splicer.LineEnding);
            AppendItems(block, images.Select(i => (IReadOnlyList<string>)[Plain(i)]), indent + 2, splicer.LineEnding);
            InsertAfter(splicer, text, source, block.ToString());
            return;
        }

        var kustomize = BlockMapping(kustomizeEntry, file, "kustomize");
        if (kustomize.Find("images") is not { } imagesEntry)
        {
            var indent = ColumnOf(kustomize.Entries[0].KeyNode);
            var block = new StringBuilder().Append(' ', indent).Append("images:").Append(splicer.LineEnding);
            AppendItems(block, images.Select(i => (IReadOnlyList<string>)[Plain(i)]), indent, splicer.LineEnding);
            InsertAfter(splicer, text, kustomize, block.ToString());
            return;
        }

        // The new list keeps the old one's order: entries are replaced in place or appended.
        var list = Sequence(imagesEntry, file, "kustomize.images");
        for (var i = 0; i < images.Count; i++)
        {
            if (i >= list.Items.Count)
            {
                splicer.AppendItem(list, [Plain(images[i])], Plain(images[i]));
            }
            else if (list.Items[i] is ScalarNode current)
            {
                if (current.Value != images[i])
                {
                    splicer.SetScalar(current, images[i]);
                }
            }
            else
            {
                throw new ConfigurationException("A kustomize image is not a string.", new ConfigurationLocation(file, list.Items[i].Line, list.Items[i].Column, Key: "kustomize.images"));
            }
        }
    }

    private static IReadOnlyList<string> HelmItem(HelmParameter parameter) => parameter.ForceString
        ? ["name: " + Plain(parameter.Name), "value: " + Plain(parameter.Value), "forceString: true"]
        : ["name: " + Plain(parameter.Name), "value: " + Plain(parameter.Value)];

    // Plain when a reader takes it back as the same string (flow-safe, as items may go into a flow sequence), else quoted.
    private static string Plain(string value) => YamlScalar.Render(value, ScalarStyle.Plain);

    private static void AppendItems(StringBuilder block, IEnumerable<IReadOnlyList<string>> items, int indent, string lineEnding)
    {
        foreach (var lines in items)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                block.Append(' ', indent).Append(i == 0 ? "- " : "  ").Append(lines[i]).Append(lineEnding);
            }
        }
    }

    private static MappingNode BlockMapping(MappingEntry entry, string file, string key) =>
        entry.Value as MappingNode is { IsFlow: false, Entries.Count: > 0 } mapping
            ? mapping
            : throw new ConfigurationException($"'{key}' is {entry.Value.KindName} or in flow style; only a block mapping can be edited.", new ConfigurationLocation(file, entry.KeyNode.Line, entry.KeyNode.Column, Key: key));

    private static SequenceNode Sequence(MappingEntry entry, string file, string key) =>
        entry.Value as SequenceNode ?? throw new ConfigurationException($"'{key}' is {entry.Value.KindName}, not a sequence.", new ConfigurationLocation(file, entry.KeyNode.Line, entry.KeyNode.Column, Key: key));

    // New lines go after the last line of the node, before whatever follows it.
    private static void InsertAfter(YamlSplicer splicer, string text, TreeNode node, string block)
    {
        var end = node.Span!.Value.End;
        int at;
        if (end > 0 && text[end - 1] == '\n')
        {
            at = end;
        }
        else
        {
            var newline = text.IndexOf('\n', end);
            at = newline < 0 ? text.Length : newline + 1;
        }

        var leadingBreak = at == text.Length && at > 0 && text[at - 1] != '\n' ? splicer.LineEnding : string.Empty;
        splicer.Replace(new SourceSpan(at, at, 0, 0), leadingBreak + block);
    }

    private static int ColumnOf(TreeNode node) => (int)(node.Column ?? 1) - 1;
}
