using System.Text;
using ImageUpdater.Applications;
using ImageUpdater.Engine;
using ImageUpdater.Yaml;

namespace ImageUpdater.WriteBack.Git.Editing;

/// <summary>
/// Writes Argo CD's parameter override file <c>&lt;source.path&gt;/.argocd-source-&lt;app&gt;.yaml</c> byte for byte as
/// the reference does: it marshals a struct with go-yaml v3 (2-space indent, sequences not indented under their key,
/// fields in struct order, strings quoted only when go-yaml would), so unlike the other editors this one writes the
/// whole file. Which parameters and entries an image gets, how they merge with what the file holds, and their order
/// come from <see cref="ImageParameterRules"/>, the rules the argocd method applies to the Application too.
/// </summary>
internal static class OverrideFileEditor
{
    /// <summary>Gets the override file's name for an application.</summary>
    /// <param name="appName">The application's name.</param>
    /// <param name="appNamespace">The application's namespace, if known.</param>
    /// <param name="controllerNamespace">The namespace Argo CD runs in.</param>
    public static string FileName(string appName, string? appNamespace, string controllerNamespace) =>
        string.IsNullOrEmpty(appNamespace) || appNamespace == controllerNamespace || controllerNamespace == "default"
            ? $".argocd-source-{appName}.yaml"
            : $".argocd-source-{appNamespace}_{appName}.yaml";

    /// <summary>Returns the Helm override file: the file's parameters (if any) merged with the images' parameters.</summary>
    /// <exception cref="ConfigurationException">The existing file is not valid YAML or its parameters are malformed.</exception>
    public static string WriteHelm(string? existing, string file, IReadOnlyList<ImageEdit> images)
    {
        // As the reference: the images' parameters are set as on the Application, then merged into the file's and sorted.
        IReadOnlyList<HelmParameter> added = [];
        foreach (var image in images)
        {
            added = ImageParameterRules.MergeHelmParameters(added, image.HelmParameters());
        }

        var parameters = ImageParameterRules.SortByName(ImageParameterRules.MergeHelmParameters(ReadHelm(existing, file), added));
        var text = new StringBuilder("helm:\n");
        if (parameters.Count == 0)
        {
            return text.Append("  parameters: []\n").ToString();
        }

        text.Append("  parameters:\n");
        foreach (var parameter in parameters)
        {
            text.Append("  - name: ").Append(GoYaml(parameter.Name)).Append('\n')
                .Append("    value: ").Append(GoYaml(parameter.Value)).Append('\n')
                .Append("    forcestring: ").Append(parameter.ForceString ? "true" : "false").Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Returns the Kustomize override file: the file's images (if any) merged with <c>[kustomizeName=]reference</c> of each image.</summary>
    /// <exception cref="ConfigurationException">The existing file is not valid YAML or its images are malformed.</exception>
    public static string WriteKustomize(string? existing, string file, IReadOnlyList<ImageEdit> images)
    {
        // As the reference: the images are set as on the Application, then merged into the file's list.
        IReadOnlyList<string> added = [];
        foreach (var image in images)
        {
            added = ImageParameterRules.SetKustomizeImage(added, image.KustomizeEntry);
        }

        var current = ImageParameterRules.MergeKustomizeOverride(ReadKustomize(existing, file), added);
        var text = new StringBuilder("kustomize:\n");
        if (current.Count == 0)
        {
            return text.Append("  images: []\n").ToString();
        }

        text.Append("  images:\n");
        foreach (var entry in current)
        {
            text.Append("  - ").Append(GoYaml(entry)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Returns what the override file holds now for each image (Helm parameters or kustomize images).</summary>
    /// <exception cref="ConfigurationException">The file is not valid YAML.</exception>
    public static IReadOnlyList<CurrentImage> Read(string? existing, string file, IReadOnlyList<ImageEdit> images)
    {
        var parameters = ReadHelm(existing, file);
        var kustomize = ReadKustomize(existing, file).Select(static e => ImageReference.Parse(e)).ToList();
        return images.Select(image =>
        {
            if (kustomize.FirstOrDefault(k => ImageParameterRules.SameImage(k, ImageReference.Parse(ImageParameterRules.KustomizeImage(image.Target, image.ImageName)))) is { } found)
            {
                return new CurrentImage(image, found.FullNameWithTag);
            }

            var values = image.HelmParameters().Select(p => parameters.FirstOrDefault(h => h.Name == p.Name)?.Value).ToList();
            return new CurrentImage(image, values switch
            {
                [{ } spec] => spec,
                [{ } name, { } tag] => name + (tag.StartsWith("sha256:", StringComparison.Ordinal) ? "@" : ":") + tag,
                _ => null,
            });
        }).ToList();
    }

    private static List<HelmParameter> ReadHelm(string? existing, string file)
    {
        var parameters = new List<HelmParameter>();
        if (Section(existing, file, "helm", "parameters") is not SequenceNode list)
        {
            return parameters;
        }

        foreach (var item in list.Items)
        {
            if (item is not MappingNode entry || Scalar(entry, "name", file) is not { } name)
            {
                throw new ConfigurationException("A Helm parameter in the override file is not a mapping with a name.", new ConfigurationLocation(file, item.Line, item.Column, Key: "helm.parameters"));
            }

            parameters.Add(new HelmParameter(name, Scalar(entry, "value", file) ?? string.Empty, Scalar(entry, "forcestring", file) is "true" or "True" or "TRUE"));
        }

        return parameters;
    }

    private static List<string> ReadKustomize(string? existing, string file) =>
        Section(existing, file, "kustomize", "images") is SequenceNode list
            ? list.Items.Select(item => item is ScalarNode { IsNull: false } scalar
                ? scalar.Value
                : throw new ConfigurationException("A kustomize image in the override file is not a string.", new ConfigurationLocation(file, item.Line, item.Column, Key: "kustomize.images"))).ToList()
            : [];

    private static TreeNode? Section(string? existing, string file, string top, string key) =>
        string.IsNullOrEmpty(existing) ? null : (YamlFile.FirstMapping(existing, file)?[top] as MappingNode)?[key];

    private static string? Scalar(MappingNode entry, string key, string file) => entry[key] switch
    {
        null or ScalarNode { IsNull: true } => null,
        ScalarNode scalar => scalar.Value,
        var other => throw new ConfigurationException($"'{key}' of a Helm parameter is {other.KindName}, not a scalar.", new ConfigurationLocation(file, other.Line, other.Column, Key: key)),
    };

    // go-yaml v3 writes a string plain when its emitter allows it in block context and it reads back as a string;
    // double-quoted when it would read as another type (1.10, yes, null, ""); single-quoted otherwise.
    private static string GoYaml(string value)
    {
        if (value.Length == 0 || YamlScalar.ResolvesToNonString(value) || value.Contains('\n', StringComparison.Ordinal))
        {
            return YamlScalar.DoubleQuote(value);
        }

        return YamlScalar.IsPlainSafe(value, blockContext: true) ? value : YamlScalar.Render(value, YamlDotNet.Core.ScalarStyle.SingleQuoted);
    }
}
