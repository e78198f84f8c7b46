using ImageUpdater.Applications;
using ImageUpdater.Yaml;

namespace ImageUpdater.Annotations.Manifests;

/// <summary>Maps an <c>Application</c> document to <see cref="ArgoApplication"/>; unknown fields are ignored.</summary>
internal static class ApplicationMapper
{
    public static ArgoApplication? Map(MappingNode root, NodeReader reader)
    {
        var before = reader.Errors.Count;
        if (reader.Identity(root, "Application") is not { } identity)
        {
            return null;
        }

        var (metadata, name, ns) = identity;
        var labels = reader.StringMap(metadata, "labels", "metadata.labels");
        var annotations = reader.StringMap(metadata, "annotations", "metadata.annotations");

        ApplicationSource? source = null;
        var sources = new List<ApplicationSource>();
        if (reader.Mapping(root, "spec", "spec") is { } spec)
        {
            if (reader.Mapping(spec, "source", "spec.source") is { } single)
            {
                source = MapSource(single, "spec.source", reader);
            }

            foreach (var (item, path) in reader.Items(reader.Sequence(spec, "sources", "spec.sources"), "spec.sources"))
            {
                sources.Add(MapSource(item, path, reader));
            }
        }

        IReadOnlyList<string> liveImages = [];
        IReadOnlyList<string> sourceTypes = [];
        var sourceType = string.Empty;
        if (reader.Mapping(root, "status", "status") is { } status)
        {
            if (reader.Mapping(status, "summary", "status.summary") is { } summary)
            {
                liveImages = reader.StringList(summary, "images", "status.summary.images") ?? [];
            }

            sourceTypes = reader.StringList(status, "sourceTypes", "status.sourceTypes") ?? [];
            sourceType = reader.String(status, "sourceType", "status.sourceType") ?? string.Empty;
        }

        if (reader.Errors.Count != before)
        {
            return null;
        }

        return new ArgoApplication
        {
            Name = name,
            Namespace = ns,
            Labels = labels,
            Annotations = annotations,
            Source = source,
            Sources = sources,
            LiveImages = liveImages,
            SourceType = sourceType,
            SourceTypes = sourceTypes,
            Location = reader.Location,
        };
    }

    private static ApplicationSource MapSource(MappingNode node, string path, NodeReader reader)
    {
        HelmSource? helm = null;
        if (reader.Mapping(node, "helm", path + ".helm") is { } helmNode)
        {
            var parameters = new List<HelmParameter>();
            foreach (var (item, itemPath) in reader.Items(reader.Sequence(helmNode, "parameters", path + ".helm.parameters"), path + ".helm.parameters"))
            {
                parameters.Add(new HelmParameter(
                    reader.String(item, "name", itemPath + ".name") ?? string.Empty,
                    reader.String(item, "value", itemPath + ".value") ?? string.Empty,
                    reader.Bool(item, "forceString", itemPath + ".forceString") ?? false));
            }

            helm = new HelmSource
            {
                Parameters = parameters,
                ValueFiles = reader.StringList(helmNode, "valueFiles", path + ".helm.valueFiles") ?? [],
            };
        }

        KustomizeSource? kustomize = null;
        if (reader.Mapping(node, "kustomize", path + ".kustomize") is { } kustomizeNode)
        {
            kustomize = new KustomizeSource { Images = reader.StringList(kustomizeNode, "images", path + ".kustomize.images") ?? [] };
        }

        PluginSource? plugin = null;
        if (reader.Mapping(node, "plugin", path + ".plugin") is { } pluginNode)
        {
            var environment = new List<PluginEnvironmentEntry>();
            foreach (var (item, itemPath) in reader.Items(reader.Sequence(pluginNode, "env", path + ".plugin.env"), path + ".plugin.env"))
            {
                environment.Add(new PluginEnvironmentEntry(
                    reader.String(item, "name", itemPath + ".name") ?? string.Empty,
                    reader.String(item, "value", itemPath + ".value") ?? string.Empty));
            }

            plugin = new PluginSource { Name = reader.String(pluginNode, "name", path + ".plugin.name") ?? string.Empty, Environment = environment };
        }

        return new ApplicationSource
        {
            RepositoryUrl = reader.String(node, "repoURL", path + ".repoURL") ?? string.Empty,
            Path = reader.String(node, "path", path + ".path") ?? string.Empty,
            TargetRevision = reader.String(node, "targetRevision", path + ".targetRevision") ?? string.Empty,
            Chart = reader.String(node, "chart", path + ".chart") ?? string.Empty,
            Ref = reader.String(node, "ref", path + ".ref") ?? string.Empty,
            Helm = helm,
            Kustomize = kustomize,
            Plugin = plugin,
        };
    }
}
