namespace ImageUpdater.Applications;

/// <summary>
/// Chooses the source of an application that image updates are written to, with the reference updater's rules.
/// </summary>
/// <remarks>
/// <para>
/// The type comes first: a <c>kustomization</c> write-back target forces Kustomize and a <c>helmvalues</c> target
/// forces Helm; otherwise a multi-source application takes the first Helm, Kustomize or Plugin entry of
/// <c>status.sourceTypes</c> and a single-source one takes <c>status.sourceType</c>. When Argo CD has reported nothing
/// (an application read from a file has no status), the type is inferred from the chosen source's blocks.
/// </para>
/// <para>
/// A multi-source application then uses the first source with an explicit block of that type (<c>helm</c>,
/// <c>kustomize</c>, <c>plugin</c>), else the source whose <c>sourceTypes</c> entry names the type, else the first
/// source with any such block, else <c>sources[0]</c>.
/// </para>
/// </remarks>
public static class ApplicationSourceSelector
{
    /// <summary>Chooses the source and its type.</summary>
    /// <param name="application">The application.</param>
    /// <param name="forcedType">The type a write-back target forces, if any.</param>
    /// <returns>The selection, or <see langword="null"/> when the application defines no source at all.</returns>
    public static ApplicationSourceSelection? Select(ArgoApplication application, ApplicationSourceType? forcedType = null)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (!application.HasMultipleSources)
        {
            if (application.Source is not { } single)
            {
                return null;
            }

            var type = forcedType ?? ParseReported(application.SourceType) ?? InferFromBlocks(single);
            return new ApplicationSourceSelection(single, -1, type);
        }

        var sources = application.Sources;
        var reported = forcedType ?? FirstReportedType(application.SourceTypes);
        if (reported is { } wanted and not ApplicationSourceType.Unsupported)
        {
            for (var i = 0; i < sources.Count; i++)
            {
                if (HasBlock(sources[i], wanted))
                {
                    return new ApplicationSourceSelection(sources[i], i, wanted);
                }
            }

            for (var i = 0; i < application.SourceTypes.Count && i < sources.Count; i++)
            {
                if (ParseReported(application.SourceTypes[i]) == wanted)
                {
                    return new ApplicationSourceSelection(sources[i], i, wanted);
                }
            }
        }

        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i].Helm is not null || sources[i].Kustomize is not null || sources[i].Plugin is not null)
            {
                return new ApplicationSourceSelection(sources[i], i, reported ?? InferFromBlocks(sources[i]));
            }
        }

        return new ApplicationSourceSelection(sources[0], 0, reported ?? InferFromBlocks(sources[0]));
    }

    // Argo CD writes these exact names; the reference compares them case-sensitively.
    private static ApplicationSourceType? ParseReported(string? reported) => reported switch
    {
        "Helm" => ApplicationSourceType.Helm,
        "Kustomize" => ApplicationSourceType.Kustomize,
        "Plugin" => ApplicationSourceType.Plugin,
        null or "" => null,
        _ => ApplicationSourceType.Unsupported,
    };

    private static ApplicationSourceType? FirstReportedType(IReadOnlyList<string> sourceTypes)
    {
        if (sourceTypes.Count == 0)
        {
            return null;
        }

        foreach (var reported in sourceTypes)
        {
            if (ParseReported(reported) is { } type and not ApplicationSourceType.Unsupported)
            {
                return type;
            }
        }

        return ApplicationSourceType.Unsupported;
    }

    private static bool HasBlock(ApplicationSource source, ApplicationSourceType type) => type switch
    {
        ApplicationSourceType.Helm => source.Helm is not null,
        ApplicationSourceType.Kustomize => source.Kustomize is not null,
        ApplicationSourceType.Plugin => source.Plugin is not null,
        _ => false,
    };

    private static ApplicationSourceType InferFromBlocks(ApplicationSource source)
    {
        if (source.Helm is not null || source.Chart.Length > 0)
        {
            return ApplicationSourceType.Helm;
        }

        if (source.Kustomize is not null)
        {
            return ApplicationSourceType.Kustomize;
        }

        return source.Plugin is not null ? ApplicationSourceType.Plugin : ApplicationSourceType.Unsupported;
    }
}
