using ImageUpdater.Applications;
using ImageUpdater.Policies;

namespace ImageUpdater.Annotations;

/// <summary>
/// Builds an application's policy from merged settings, whichever source they came from: the write-back, the source
/// it applies to, and one <see cref="ImageUpdatePolicy"/> per image.
/// </summary>
internal static class ApplicationPolicyBuilder
{
    public static ApplicationPolicyResult Build(
        ArgoApplication application,
        IReadOnlyList<(ImageConfigSpec Image, CommonUpdateSettingsSpec Settings)> images,
        WriteBackConfigSpec? writeBack,
        WriteBackKeys writeBackKeys,
        ConfigurationLocation location,
        string origin)
    {
        var errors = new List<ConfigurationException>();
        var policy = WriteBackPolicyFactory.Create(writeBack, writeBackKeys, location, errors);
        if (policy is null)
        {
            return ApplicationPolicyResult.Rejected(application, errors);
        }

        var forced = policy.Method == WriteBackMethod.Git ? policy.Target.ForcedSourceType : null;
        if (ApplicationSourceSelector.Select(application, forced) is not { } source)
        {
            return ApplicationPolicyResult.Rejected(application, [new ConfigurationException(
                "The application defines no source (spec.source or spec.sources).", location with { Key = "spec.source" })]);
        }

        // The reference writes only to Helm and Kustomize sources; markers edit files whatever renders them.
        var markers = policy.Method == WriteBackMethod.Git && policy.Target.Kind == WriteBackTargetKind.Markers;
        if (source.Type is not (ApplicationSourceType.Helm or ApplicationSourceType.Kustomize) && !markers)
        {
            return ApplicationPolicyResult.Ignored(application, $"Source type '{source.Type}' is not supported; only Helm and Kustomize sources can be updated.");
        }

        var policies = new List<ImageUpdatePolicy>(images.Count);
        foreach (var (image, settings) in images)
        {
            // As the reference does, the alias is always joined with '=' before parsing, even when empty.
            var reference = ImageReference.Parse(image.Alias + "=" + image.ImageName);
            policies.Add(new ImageUpdatePolicy(
                reference,
                settings.ToImageUpdateSettings(reference.Tag),
                image.ManifestTargets?.ToImageManifestTarget() ?? ImageManifestTarget.Default));
        }

        return ApplicationPolicyResult.Ready(new ApplicationUpdatePolicy
        {
            Application = application,
            Images = policies,
            WriteBack = policy,
            Source = source,
            Origin = origin,
        });
    }
}
