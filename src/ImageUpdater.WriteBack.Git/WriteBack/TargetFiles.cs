using ImageUpdater.Applications;
using ImageUpdater.Policies;
using ImageUpdater.WriteBack.Git.Editing;

namespace ImageUpdater.WriteBack.Git;

/// <summary>
/// The file (or, for markers, the files) an application's write-back target names in a checkout, edited or read with
/// the editor of its kind. Every path goes through <see cref="RepositoryPath"/>, so nothing outside the checkout is
/// touched.
/// </summary>
internal static class TargetFiles
{
    private static readonly string[] KustomizationNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    /// <summary>Writes <paramref name="images"/> into the target and returns the files changed, relative to the checkout.</summary>
    /// <exception cref="ConfigurationException">The target leaves the checkout, does not fit the source, or its file does not parse.</exception>
    public static IReadOnlyList<string> Write(string checkout, ApplicationUpdatePolicy policy, IReadOnlyList<ImageEdit> images, string controllerNamespace)
    {
        var sourcePath = policy.Source.Source.Path;
        var target = policy.WriteBack.Target;
        var appNamespace = policy.Application.Namespace;
        return target.Kind switch
        {
            WriteBackTargetKind.Markers => TargetFile.EditAll(checkout, sourcePath, target.Path ?? ".", (text, file) => MarkerEditor.Edit(text, file, images, appNamespace)),
            _ => EditOne(checkout, sourcePath, FilePath(checkout, policy, controllerNamespace), (text, file) => target.Kind switch
            {
                WriteBackTargetKind.Kustomization => KustomizationEditor.Edit(text, file, images),
                WriteBackTargetKind.HelmValues => HelmValuesEditor.Edit(text, file, images),
                _ => policy.Source.Type switch
                {
                    ApplicationSourceType.Helm => OverrideFileEditor.WriteHelm(text, file, images),
                    ApplicationSourceType.Kustomize => OverrideFileEditor.WriteKustomize(text, file, images),
                    _ => throw NotHelmOrKustomize(policy, file),
                },
            }),
        };
    }

    /// <summary>Reads what the target holds now for each image.</summary>
    /// <exception cref="ConfigurationException">The target leaves the checkout or its file does not parse.</exception>
    public static IReadOnlyList<CurrentImage> Read(string checkout, ApplicationUpdatePolicy policy, IReadOnlyList<ImageEdit> images, string controllerNamespace)
    {
        var sourcePath = policy.Source.Source.Path;
        var target = policy.WriteBack.Target;
        if (target.Kind == WriteBackTargetKind.Markers)
        {
            var found = new List<CurrentImage>();
            TargetFile.EditAll(checkout, sourcePath, target.Path ?? ".", (text, file) =>
            {
                found.AddRange(MarkerEditor.Read(text, file, images, policy.Application.Namespace).Where(static c => c.Reference is not null));
                return text;
            });
            return found;
        }

        var path = RepositoryPath.Resolve(checkout, sourcePath, FilePath(checkout, policy, controllerNamespace));
        if (!File.Exists(path))
        {
            return [];
        }

        var name = Path.GetRelativePath(checkout, path).Replace('\\', '/');
        var content = YamlFile.ReadText(path);
        return target.Kind switch
        {
            WriteBackTargetKind.Kustomization => KustomizationEditor.Read(content, name, images),
            WriteBackTargetKind.HelmValues => HelmValuesEditor.Read(content, name, images),
            _ => OverrideFileEditor.Read(content, name, images),
        };
    }

    // The target path as RepositoryPath takes it: relative to the source's path, or to the root with a leading '/'.
    private static string FilePath(string checkout, ApplicationUpdatePolicy policy, string controllerNamespace)
    {
        var target = policy.WriteBack.Target;
        var application = policy.Application;
        switch (target.Kind)
        {
            case WriteBackTargetKind.ParameterOverrides:
                return OverrideFileEditor.FileName(application.Name, application.Namespace, controllerNamespace);
            case WriteBackTargetKind.OverrideFile:
                // The reference keeps an override file path relative to the repository root.
                return "/" + target.Path!.TrimStart('/');
            case WriteBackTargetKind.HelmValues:
                return target.Path ?? WriteBackTarget.DefaultHelmValuesFile;
            default:
                // kustomization[:path] names the directory holding the kustomization, as kustomize's own commands take it.
                var directory = target.Path ?? ".";
                var full = RepositoryPath.Resolve(checkout, policy.Source.Source.Path, directory);
                var existing = KustomizationNames.FirstOrDefault(name => File.Exists(Path.Combine(full, name))) ?? KustomizationNames[0];
                return directory.TrimEnd('/') + "/" + existing;
        }
    }

    private static List<string> EditOne(string checkout, string sourcePath, string target, Func<string, string, string> edit)
    {
        var path = RepositoryPath.Resolve(checkout, sourcePath, target);
        return TargetFile.Edit(checkout, sourcePath, target, edit) ? [Path.GetRelativePath(checkout, path).Replace('\\', '/')] : [];
    }

    private static ConfigurationException NotHelmOrKustomize(ApplicationUpdatePolicy policy, string file) => new(
        $"{policy.Application.DisplayName} has a {policy.Source.Type} source: the parameter override file {file} holds only Helm parameters or Kustomize images; use a markers target for plain manifests.",
        policy.Application.Location with { Key = "write-back-target" });
}
