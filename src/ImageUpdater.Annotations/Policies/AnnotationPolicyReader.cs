using ImageUpdater.Applications;
using ImageUpdater.Policies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageUpdater.Annotations;

/// <summary>
/// Reads an application's update policy from its <c>argocd-image-updater.argoproj.io/*</c> annotations. A bad
/// annotation rejects only that application, with errors naming the key.
/// </summary>
public sealed partial class AnnotationPolicyReader
{
    /// <summary>The origin recorded in policies read from annotations.</summary>
    public const string Origin = "annotations";

    private static readonly WriteBackKeys Keys = new(
        AnnotationKeys.WriteBackMethod,
        AnnotationKeys.GitRepository,
        AnnotationKeys.GitBranch,
        AnnotationKeys.WriteBackTarget);

    private readonly ILogger _logger;

    /// <summary>Creates a reader.</summary>
    /// <param name="logger">Logs rejected applications; none when <see langword="null"/>.</param>
    public AnnotationPolicyReader(ILogger<AnnotationPolicyReader>? logger = null)
    {
        _logger = logger ?? NullLogger<AnnotationPolicyReader>.Instance;
    }

    /// <summary>Reads one application.</summary>
    /// <param name="application">The application.</param>
    /// <returns>The policy, the errors, or <see cref="PolicyOutcome.Ignored"/> when it has no <c>image-list</c> annotation.</returns>
    public ApplicationPolicyResult Read(ArgoApplication application) => Read(application, Origin, requireImageList: false);

    /// <summary>Reads every application, in order.</summary>
    /// <param name="applications">The applications.</param>
    /// <returns>One result per application.</returns>
    public IReadOnlyList<ApplicationPolicyResult> ReadAll(IEnumerable<ArgoApplication> applications)
    {
        ArgumentNullException.ThrowIfNull(applications);
        return applications.Select(Read).ToList();
    }

    internal ApplicationPolicyResult Read(ArgoApplication application, string origin, bool requireImageList)
    {
        ArgumentNullException.ThrowIfNull(application);
        var location = application.Location with { Resource = AnnotationParser.ResourceOf(application) };
        var errors = new List<ConfigurationException>();
        var configuration = AnnotationParser.Parse(application, errors);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                LogRejected(_logger, application.DisplayName, error.Message);
            }

            return ApplicationPolicyResult.Rejected(application, errors);
        }

        if (configuration is null)
        {
            // As in the reference, an application without the annotation is skipped, with a warning when an
            // ImageUpdater resource told us to read its annotations.
            return ApplicationPolicyResult.Ignored(
                application,
                requireImageList
                    ? $"No {AnnotationKeys.ImageList} annotation, although the ImageUpdater rule sets useAnnotations."
                    : $"No {AnnotationKeys.ImageList} annotation.");
        }

        // Application-wide annotations are the fallback of every image, field by field.
        var images = configuration.Images
            .Select(image => (image, CommonUpdateSettingsSpec.Merge(configuration.ApplicationWide, image.CommonUpdateSettings)))
            .ToList();
        return ApplicationPolicyBuilder.Build(application, images, configuration.WriteBack, Keys, location, origin);
    }
}
