using ImageUpdater.Applications;
using ImageUpdater.Policies;

namespace ImageUpdater.Annotations;

/// <summary>
/// Finds objects defined more than once (the same namespace and name in two files or documents). Neither copy can be
/// trusted to be the one the user means, so every copy is set aside with an error naming where each was read.
/// </summary>
internal static class DuplicateObjects
{
    /// <summary>Splits the applications into those defined once and a rejection per duplicated one.</summary>
    /// <returns>The unique applications, and the rejection keyed by the first copy read.</returns>
    public static (List<ArgoApplication> Unique, Dictionary<ArgoApplication, ApplicationPolicyResult> Rejected) SplitApplications(IReadOnlyList<ArgoApplication> applications)
    {
        var unique = new List<ArgoApplication>(applications.Count);
        var rejected = new Dictionary<ArgoApplication, ApplicationPolicyResult>(ReferenceEqualityComparer.Instance);
        foreach (var copies in applications.GroupBy(static a => (a.Namespace, a.Name)))
        {
            var list = copies.ToList();
            if (list.Count == 1)
            {
                unique.Add(list[0]);
                continue;
            }

            var first = list[0];
            rejected[first] = ApplicationPolicyResult.Rejected(first, [new ConfigurationException(
                $"{first.DisplayName} is defined {list.Count} times ({Where(list.Select(static a => a.Location))}); define it once.",
                first.Location with { Resource = first.DisplayName, Key = null })]);
        }

        return (unique, rejected);
    }

    /// <summary>Keeps the resources defined once; each duplicated one gets an error and none of its copies is used.</summary>
    /// <returns>The unique resources and how many copies were set aside.</returns>
    public static (List<ImageUpdaterResource> Unique, int Dropped) DropDuplicateResources(IReadOnlyList<ImageUpdaterResource> resources, List<ConfigurationException> errors)
    {
        var unique = new List<ImageUpdaterResource>(resources.Count);
        var dropped = 0;
        foreach (var copies in resources.GroupBy(static r => (r.Namespace, r.Name)))
        {
            var list = copies.ToList();
            if (list.Count == 1)
            {
                unique.Add(list[0]);
                continue;
            }

            dropped += list.Count;
            var first = list[0];
            errors.Add(new ConfigurationException(
                $"{first.DisplayName} is defined {list.Count} times ({Where(list.Select(static r => r.Location))}); none of the copies is used.",
                first.Location with { Resource = first.DisplayName, Key = null }));
        }

        return (unique, dropped);
    }

    private static string Where(IEnumerable<ConfigurationLocation> locations) =>
        string.Join(", ", locations.Select(static l => new ConfigurationLocation(l.File, l.Line).ToString() is { Length: > 0 } text ? text : "<unknown>"));
}
