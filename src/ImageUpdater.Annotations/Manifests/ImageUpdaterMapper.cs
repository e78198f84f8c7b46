using ImageUpdater.Policies;
using ImageUpdater.Yaml;

namespace ImageUpdater.Annotations.Manifests;

/// <summary>
/// Maps an <c>ImageUpdater</c> document to <see cref="ImageUpdaterResource"/>, checking field types. The resource's
/// own rules (patterns, required fields) are checked when policies are resolved, wherever the resource came from.
/// </summary>
internal static class ImageUpdaterMapper
{
    public static ImageUpdaterResource? Map(MappingNode root, NodeReader reader)
    {
        var before = reader.Errors.Count;
        if (reader.Identity(root, ImageUpdaterResource.Kind) is not { } identity)
        {
            return null;
        }

        var (_, name, ns) = identity;
        CommonUpdateSettingsSpec? common = null;
        WriteBackConfigSpec? writeBack = null;
        var refs = new List<ApplicationRefSpec>();
        if (reader.Mapping(root, "spec", "spec") is { } spec)
        {
            common = MapSettings(spec, "spec", reader);
            writeBack = MapWriteBack(spec, "spec", reader);
            foreach (var (item, path) in reader.Items(reader.Sequence(spec, "applicationRefs", "spec.applicationRefs"), "spec.applicationRefs"))
            {
                refs.Add(MapRef(item, path, reader));
            }
        }

        if (reader.Errors.Count != before)
        {
            return null;
        }

        return new ImageUpdaterResource
        {
            Name = name,
            Namespace = ns,
            CommonUpdateSettings = common,
            WriteBackConfig = writeBack,
            ApplicationRefs = refs,
            Location = reader.Location,
        };
    }

    private static ApplicationRefSpec MapRef(MappingNode node, string path, NodeReader reader)
    {
        LabelSelectorSpec? selector = null;
        if (reader.Mapping(node, "labelSelectors", path + ".labelSelectors") is { } selectorNode)
        {
            var expressions = new List<LabelSelectorRequirement>();
            var expressionsPath = path + ".labelSelectors.matchExpressions";
            foreach (var (item, itemPath) in reader.Items(reader.Sequence(selectorNode, "matchExpressions", expressionsPath), expressionsPath))
            {
                expressions.Add(new LabelSelectorRequirement(
                    reader.String(item, "key", itemPath + ".key") ?? string.Empty,
                    reader.String(item, "operator", itemPath + ".operator") ?? string.Empty,
                    reader.StringList(item, "values", itemPath + ".values") ?? []));
            }

            selector = new LabelSelectorSpec
            {
                MatchLabels = reader.StringMap(selectorNode, "matchLabels", path + ".labelSelectors.matchLabels"),
                MatchExpressions = expressions,
            };
        }

        var images = new List<ImageConfigSpec>();
        foreach (var (item, itemPath) in reader.Items(reader.Sequence(node, "images", path + ".images"), path + ".images"))
        {
            images.Add(new ImageConfigSpec
            {
                Alias = reader.String(item, "alias", itemPath + ".alias") ?? string.Empty,
                ImageName = reader.String(item, "imageName", itemPath + ".imageName") ?? string.Empty,
                CommonUpdateSettings = MapSettings(item, itemPath, reader),
                ManifestTargets = MapTargets(item, itemPath, reader),
            });
        }

        return new ApplicationRefSpec
        {
            NamePattern = reader.String(node, "namePattern", path + ".namePattern") ?? string.Empty,
            LabelSelectors = selector,
            UseAnnotations = reader.Bool(node, "useAnnotations", path + ".useAnnotations"),
            CommonUpdateSettings = MapSettings(node, path, reader),
            WriteBackConfig = MapWriteBack(node, path, reader),
            Images = images,
        };
    }

    private static CommonUpdateSettingsSpec? MapSettings(MappingNode parent, string parentPath, NodeReader reader)
    {
        var path = parentPath + ".commonUpdateSettings";
        if (reader.Mapping(parent, "commonUpdateSettings", path) is not { } node)
        {
            return null;
        }

        return new CommonUpdateSettingsSpec
        {
            UpdateStrategy = reader.String(node, "updateStrategy", path + ".updateStrategy"),
            ForceUpdate = reader.Bool(node, "forceUpdate", path + ".forceUpdate"),
            AllowTags = reader.String(node, "allowTags", path + ".allowTags"),
            IgnoreTags = reader.StringList(node, "ignoreTags", path + ".ignoreTags"),
            PullSecret = reader.String(node, "pullSecret", path + ".pullSecret"),
            Platforms = reader.StringList(node, "platforms", path + ".platforms"),
        };
    }

    private static WriteBackConfigSpec? MapWriteBack(MappingNode parent, string parentPath, NodeReader reader)
    {
        var path = parentPath + ".writeBackConfig";
        if (reader.Mapping(parent, "writeBackConfig", path) is not { } node)
        {
            return null;
        }

        GitConfigSpec? git = null;
        if (reader.Mapping(node, "gitConfig", path + ".gitConfig") is { } gitNode)
        {
            git = new GitConfigSpec
            {
                Repository = reader.String(gitNode, "repository", path + ".gitConfig.repository"),
                Branch = reader.String(gitNode, "branch", path + ".gitConfig.branch"),
                WriteBackTarget = reader.String(gitNode, "writeBackTarget", path + ".gitConfig.writeBackTarget"),
            };
        }

        return new WriteBackConfigSpec { Method = reader.String(node, "method", path + ".method"), GitConfig = git };
    }

    private static ManifestTargetSpec? MapTargets(MappingNode parent, string parentPath, NodeReader reader)
    {
        var path = parentPath + ".manifestTargets";
        if (reader.Mapping(parent, "manifestTargets", path) is not { } node)
        {
            return null;
        }

        HelmTargetSpec? helm = null;
        if (reader.Mapping(node, "helm", path + ".helm") is { } helmNode)
        {
            helm = new HelmTargetSpec
            {
                Name = reader.String(helmNode, "name", path + ".helm.name"),
                Tag = reader.String(helmNode, "tag", path + ".helm.tag"),
                Spec = reader.String(helmNode, "spec", path + ".helm.spec"),
            };
        }

        KustomizeTargetSpec? kustomize = null;
        if (reader.Mapping(node, "kustomize", path + ".kustomize") is { } kustomizeNode)
        {
            kustomize = new KustomizeTargetSpec { Name = reader.String(kustomizeNode, "name", path + ".kustomize.name") };
        }

        return new ManifestTargetSpec { Helm = helm, Kustomize = kustomize };
    }
}
