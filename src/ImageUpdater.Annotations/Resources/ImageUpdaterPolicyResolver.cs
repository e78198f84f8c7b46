using ImageUpdater.Applications;
using ImageUpdater.Policies;
using ImageUpdater.Text;

namespace ImageUpdater.Annotations;

/// <summary>
/// Resolves an <c>ImageUpdater</c> resource against applications as the reference's controller does: applications of
/// the resource's namespace, the most specific matching rule per application, and settings merged global → rule →
/// image, field by field. A rule with <c>useAnnotations</c> reads the application's annotations instead.
/// </summary>
public sealed class ImageUpdaterPolicyResolver
{
    private readonly AnnotationPolicyReader _annotations;

    /// <summary>Creates a resolver.</summary>
    /// <param name="annotations">Reads applications whose rule sets <c>useAnnotations</c>.</param>
    public ImageUpdaterPolicyResolver(AnnotationPolicyReader annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        _annotations = annotations;
    }

    /// <summary>Resolves one resource.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="applications">The candidate applications; those of other namespaces are skipped.</param>
    /// <returns>The resolution.</returns>
    public ImageUpdaterResolution Resolve(ImageUpdaterResource resource, IEnumerable<ArgoApplication> applications)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(applications);
        var errors = ImageUpdaterResourceValidator.Validate(resource);
        if (errors.Count > 0)
        {
            return new ImageUpdaterResolution { Resource = resource, Errors = errors };
        }

        var warnings = new List<string>();
        for (var r = 0; r < resource.ApplicationRefs.Count; r++)
        {
            if (resource.ApplicationRefs[r].LabelSelectors?.Validate() is { } invalid)
            {
                warnings.Add($"{resource.DisplayName}: spec.applicationRefs[{r}].labelSelectors: {invalid} The rule matches no application.");
            }
        }

        // Most specific first; the sort is stable, so equal scores keep the written order.
        var rules = resource.ApplicationRefs
            .Select((rule, index) => (Rule: rule, Index: index))
            .OrderByDescending(static r => r.Rule.Specificity)
            .ToList();
        var origin = resource.DisplayName;
        var results = new List<ApplicationPolicyResult>();
        foreach (var application in applications)
        {
            if (!SameNamespace(resource.Namespace, application.Namespace))
            {
                continue;
            }

            foreach (var (rule, index) in rules)
            {
                if (!GoGlob.IsMatch(rule.NamePattern, application.Name) || !(rule.LabelSelectors?.Matches(application.Labels) ?? true))
                {
                    continue;
                }

                results.Add(rule.UseAnnotations == true
                    ? _annotations.Read(application, origin + " (annotations)", requireImageList: true)
                    : FromRule(resource, rule, index, application, origin));
                break;
            }
        }

        return new ImageUpdaterResolution { Resource = resource, Warnings = warnings, Applications = results };
    }

    // Objects read from files often omit the namespace; an omitted namespace matches any.
    private static bool SameNamespace(string resourceNamespace, string applicationNamespace) =>
        resourceNamespace.Length == 0 || applicationNamespace.Length == 0
        || string.Equals(resourceNamespace, applicationNamespace, StringComparison.Ordinal);

    private static ApplicationPolicyResult FromRule(ImageUpdaterResource resource, ApplicationRefSpec rule, int index, ArgoApplication application, string origin)
    {
        var images = rule.Images
            .Select(image => (image, CommonUpdateSettingsSpec.Merge(resource.CommonUpdateSettings, rule.CommonUpdateSettings, image.CommonUpdateSettings)))
            .ToList();
        var writeBack = WriteBackConfigSpec.Merge(resource.WriteBackConfig, rule.WriteBackConfig);
        var location = resource.Location with
        {
            Resource = (string.IsNullOrEmpty(resource.Location.Resource) ? resource.DisplayName : resource.Location.Resource) + " for " + application.DisplayName,
        };
        return ApplicationPolicyBuilder.Build(application, images, writeBack, KeysOf(rule.WriteBackConfig, index), location, origin);
    }

    // Merged fields come from either level, so each error names the level its value was written at.
    private static WriteBackKeys KeysOf(WriteBackConfigSpec? own, int index)
    {
        var global = WriteBackKeys.ForResource("spec.writeBackConfig");
        var rule = WriteBackKeys.ForResource($"spec.applicationRefs[{index}].writeBackConfig");
        return new WriteBackKeys(
            own?.Method is null ? global.Method : rule.Method,
            own?.GitConfig?.Repository is null ? global.Repository : rule.Repository,
            own?.GitConfig?.Branch is null ? global.Branch : rule.Branch,
            own?.GitConfig?.WriteBackTarget is null ? global.Target : rule.Target);
    }
}
