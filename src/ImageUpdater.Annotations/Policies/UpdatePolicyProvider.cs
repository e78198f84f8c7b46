using ImageUpdater.Annotations.Manifests;
using ImageUpdater.Applications;
using ImageUpdater.Engine;
using ImageUpdater.Policies;

namespace ImageUpdater.Annotations;

/// <summary>
/// The one policy provider for both configuration models. Every document goes through <see cref="ManifestReader"/>;
/// then, when the snapshot holds any <c>ImageUpdater</c> resource (valid or not), applications are configured by the
/// resources that match them, and annotations are read only through a rule with <c>useAnnotations</c>, as in the
/// reference v1.x. When it holds none, every application's annotations are read, as older releases do.
/// </summary>
internal sealed class UpdatePolicyProvider(
    ManifestReader manifests,
    AnnotationPolicyReader annotations,
    ImageUpdaterPolicyResolver resolver) : IUpdatePolicyProvider
{
    public ValueTask<UpdatePolicySet> GetPoliciesAsync(ApplicationSourceSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var sets = new List<ManifestSet>(snapshot.Documents.Count);
        foreach (var document in snapshot.Documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sets.Add(manifests.Read(document.Content, document.Origin));
        }

        var read = ManifestSet.Combine(sets);
        var errors = new List<ConfigurationException>(snapshot.Errors);
        errors.AddRange(read.Errors);
        var (applications, duplicates) = DuplicateObjects.SplitApplications(read.Applications);
        var (resources, dropped) = DuplicateObjects.DropDuplicateResources(read.ImageUpdaters, errors);

        var warnings = new List<string>();
        var byResources = read.ImageUpdaters.Count > 0 || read.InvalidImageUpdaters > 0;
        var results = byResources
            ? FromResources(resources, read.InvalidImageUpdaters + dropped, applications, errors, warnings)
            : applications.ToDictionary<ArgoApplication, ArgoApplication, ApplicationPolicyResult>(static a => a, annotations.Read, ReferenceEqualityComparer.Instance);

        // One result per application, in reading order; a duplicate is reported once, where it was first read.
        var ordered = new List<ApplicationPolicyResult>(applications.Count + duplicates.Count);
        foreach (var application in read.Applications)
        {
            if (results.TryGetValue(application, out var result) || duplicates.TryGetValue(application, out result))
            {
                ordered.Add(result);
            }
        }

        return ValueTask.FromResult(new UpdatePolicySet
        {
            Applications = ordered,
            Errors = errors,
            Warnings = warnings,
        });
    }

    private Dictionary<ArgoApplication, ApplicationPolicyResult> FromResources(
        IReadOnlyList<ImageUpdaterResource> resources,
        int unreadable,
        IReadOnlyList<ArgoApplication> applications,
        List<ConfigurationException> errors,
        List<string> warnings)
    {
        var invalid = unreadable;
        var matches = new Dictionary<ArgoApplication, List<(ImageUpdaterResource Resource, ApplicationPolicyResult Result)>>(ReferenceEqualityComparer.Instance);
        foreach (var resource in resources)
        {
            var resolution = resolver.Resolve(resource, applications);
            errors.AddRange(resolution.Errors);
            warnings.AddRange(resolution.Warnings);
            invalid += resolution.IsValid ? 0 : 1;
            foreach (var result in resolution.Applications)
            {
                if (!matches.TryGetValue(result.Application, out var list))
                {
                    matches[result.Application] = list = [];
                }

                list.Add((resource, result));
            }
        }

        var unmatched = invalid == 0
            ? "No ImageUpdater resource matches it; with ImageUpdater resources present, annotations are read only through a rule with useAnnotations."
            : $"No valid ImageUpdater resource matches it ({invalid} ImageUpdater resource(s) are invalid, see the errors); with ImageUpdater resources present, annotations are read only through a rule with useAnnotations.";
        var results = new Dictionary<ArgoApplication, ApplicationPolicyResult>(ReferenceEqualityComparer.Instance);
        foreach (var application in applications)
        {
            results[application] = matches.TryGetValue(application, out var list)
                ? MatchedResults.Combine(application, list)
                : ApplicationPolicyResult.Ignored(application, unmatched);
        }

        return results;
    }
}
