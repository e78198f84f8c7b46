using ImageUpdater.Applications;
using ImageUpdater.Policies;

namespace ImageUpdater.Annotations;

/// <summary>
/// Reads an application's annotations with the reference's rules: values are trimmed and empty values count as absent
/// (except <c>force-update</c>, where an empty value is invalid, and <c>ignore-tags</c>, whose empty entries are kept);
/// <c>image-list</c> entries are trimmed and empty entries skipped; only aliased images read per-alias keys.
/// </summary>
internal static class AnnotationParser
{
    /// <summary>Parses the annotations, collecting every error.</summary>
    /// <param name="application">The application.</param>
    /// <param name="errors">Receives the errors, each naming the application and the annotation key.</param>
    /// <returns>The configuration, or <see langword="null"/> when there is no <c>image-list</c> annotation or there were errors.</returns>
    public static AnnotationConfiguration? Parse(ArgoApplication application, ICollection<ConfigurationException> errors)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(errors);
        var annotations = application.Annotations;
        if (!annotations.TryGetValue(AnnotationKeys.ImageList, out var imageList))
        {
            return null;
        }

        var before = errors.Count;
        var location = application.Location with { Resource = ResourceOf(application) };
        var images = new List<ImageConfigSpec>();
        foreach (var raw in imageList.Split(','))
        {
            var entry = raw.Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                images.Add(new ImageConfigSpec { ImageName = entry });
                continue;
            }

            var alias = entry[..equals].Trim();
            var imageName = entry[(equals + 1)..].Trim();
            if (imageName.Length == 0)
            {
                errors.Add(new ConfigurationException($"Entry '{entry}' has an empty image name.", location with { Key = AnnotationKeys.ImageList }));
                continue;
            }

            var image = new ImageConfigSpec { Alias = alias, ImageName = imageName };
            if (alias.Length > 0)
            {
                image = image with
                {
                    CommonUpdateSettings = ReadSettings(annotations, suffix => AnnotationKeys.ForAlias(alias, suffix), withPlatforms: true, location, errors),
                    ManifestTargets = ReadTargets(annotations, alias, location, errors),
                };
            }

            images.Add(image);
        }

        if (images.Count == 0 && errors.Count == before)
        {
            errors.Add(new ConfigurationException("The annotation lists no image.", location with { Key = AnnotationKeys.ImageList }));
        }

        var applicationWide = ReadSettings(annotations, AnnotationKeys.ApplicationWide, withPlatforms: false, location, errors);
        var writeBack = ReadWriteBack(annotations);
        return errors.Count == before ? new AnnotationConfiguration(images, applicationWide, writeBack) : null;
    }

    internal static string ResourceOf(ArgoApplication application) =>
        string.IsNullOrEmpty(application.Location.Resource) ? application.DisplayName : application.Location.Resource;

    private static CommonUpdateSettingsSpec? ReadSettings(
        IReadOnlyDictionary<string, string> annotations,
        Func<string, string> keyOf,
        bool withPlatforms,
        ConfigurationLocation location,
        ICollection<ConfigurationException> errors)
    {
        bool? force = null;
        var forceKey = keyOf(AnnotationKeys.ForceUpdate);
        if (annotations.TryGetValue(forceKey, out var forceText))
        {
            if (GoBool.TryParse(forceText.Trim(), out var parsed))
            {
                force = parsed;
            }
            else
            {
                errors.Add(new ConfigurationException(
                    $"Invalid boolean '{forceText}': use one of 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False.",
                    location with { Key = forceKey }));
            }
        }

        IReadOnlyList<string>? ignoreTags = null;
        if (annotations.TryGetValue(keyOf(AnnotationKeys.IgnoreTags), out var ignoreText))
        {
            // The reference keeps empty entries here (an empty glob matches only an empty tag).
            ignoreTags = ignoreText.Split(',').Select(static t => t.Trim()).ToArray();
        }

        IReadOnlyList<string>? platforms = null;
        if (withPlatforms && annotations.TryGetValue(keyOf(AnnotationKeys.Platforms), out var platformText))
        {
            var list = platformText.Split(',').Select(static p => p.Trim()).Where(static p => p.Length > 0).ToArray();
            platforms = list.Length > 0 ? list : null;
        }

        var settings = new CommonUpdateSettingsSpec
        {
            UpdateStrategy = NonEmpty(annotations, keyOf(AnnotationKeys.UpdateStrategy)),
            ForceUpdate = force,
            AllowTags = NonEmpty(annotations, keyOf(AnnotationKeys.AllowTags)),
            IgnoreTags = ignoreTags,
            PullSecret = NonEmpty(annotations, keyOf(AnnotationKeys.PullSecret)),
            Platforms = platforms,
        };
        return settings == new CommonUpdateSettingsSpec() ? null : settings;
    }

    private static ManifestTargetSpec? ReadTargets(
        IReadOnlyDictionary<string, string> annotations,
        string alias,
        ConfigurationLocation location,
        ICollection<ConfigurationException> errors)
    {
        var kustomizeName = NonEmpty(annotations, AnnotationKeys.ForAlias(alias, AnnotationKeys.KustomizeImageName));
        var helmName = NonEmpty(annotations, AnnotationKeys.ForAlias(alias, AnnotationKeys.HelmImageName));
        var helmTag = NonEmpty(annotations, AnnotationKeys.ForAlias(alias, AnnotationKeys.HelmImageTag));
        var helmSpec = NonEmpty(annotations, AnnotationKeys.ForAlias(alias, AnnotationKeys.HelmImageSpec));
        var hasHelm = helmName is not null || helmTag is not null || helmSpec is not null;
        if (hasHelm && kustomizeName is not null)
        {
            errors.Add(new ConfigurationException(
                $"Both helm and kustomize manifest targets are configured for alias '{alias}'; set only one.",
                location with { Key = AnnotationKeys.ForAlias(alias, AnnotationKeys.KustomizeImageName) }));
            return null;
        }

        if (hasHelm)
        {
            return new ManifestTargetSpec { Helm = new HelmTargetSpec { Name = helmName, Tag = helmTag, Spec = helmSpec } };
        }

        return kustomizeName is null ? null : new ManifestTargetSpec { Kustomize = new KustomizeTargetSpec { Name = kustomizeName } };
    }

    private static WriteBackConfigSpec? ReadWriteBack(IReadOnlyDictionary<string, string> annotations)
    {
        var method = NonEmpty(annotations, AnnotationKeys.WriteBackMethod);
        var target = NonEmpty(annotations, AnnotationKeys.WriteBackTarget);
        var branch = NonEmpty(annotations, AnnotationKeys.GitBranch);
        var repository = NonEmpty(annotations, AnnotationKeys.GitRepository);
        var git = target is null && branch is null && repository is null
            ? null
            : new GitConfigSpec { WriteBackTarget = target, Branch = branch, Repository = repository };
        return method is null && git is null ? null : new WriteBackConfigSpec { Method = method, GitConfig = git };
    }

    private static string? NonEmpty(IReadOnlyDictionary<string, string> annotations, string key)
    {
        if (!annotations.TryGetValue(key, out var value))
        {
            return null;
        }

        var trimmed = value.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }
}
