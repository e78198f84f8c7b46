using ImageUpdater.Applications;
using ImageUpdater.Policies;

namespace ImageUpdater.Annotations;

/// <summary>
/// Combines what several <c>ImageUpdater</c> resources say about one application. The reference processes each resource
/// on its own, so such an application is updated once per resource; the combination keeps that where the resources
/// agree (the same write-back and source, different images) and rejects the application where they would undo each
/// other's writes.
/// </summary>
internal static class MatchedResults
{
    public static ApplicationPolicyResult Combine(ArgoApplication application, IReadOnlyList<(ImageUpdaterResource Resource, ApplicationPolicyResult Result)> matches)
    {
        if (matches.Count == 1)
        {
            return matches[0].Result;
        }

        var rejected = matches.Where(static m => m.Result.Outcome == PolicyOutcome.Rejected).ToList();
        if (rejected.Count > 0)
        {
            return ApplicationPolicyResult.Rejected(application, rejected.SelectMany(static m => m.Result.Errors).ToList());
        }

        var ready = matches.Where(static m => m.Result.Outcome == PolicyOutcome.Ready).ToList();
        if (ready.Count == 0)
        {
            return matches[0].Result;
        }

        if (ready.Count == 1)
        {
            return ready[0].Result;
        }

        var first = ready[0].Result.Policy!;
        var names = string.Join(" and ", ready.Select(static m => m.Resource.DisplayName));
        var images = ready.SelectMany(static m => m.Result.Policy!.Images).ToList();
        var location = application.Location with { Resource = application.DisplayName, Key = null };
        if (ready.Any(m => m.Result.Policy!.WriteBack != first.WriteBack || m.Result.Policy.Source != first.Source))
        {
            return Conflict(application, location, $"{names} all match it with different write-back settings or sources, so each would undo the other's writes; make one rule match it.");
        }

        if (images.GroupBy(static i => i.Image.FullName, StringComparer.Ordinal).FirstOrDefault(static g => g.Count() > 1) is { } twice)
        {
            return Conflict(application, location, $"{names} all match it and each updates image '{twice.Key}', so each would undo the other's writes; name each image in one resource only.");
        }

        return ApplicationPolicyResult.Ready(first with
        {
            Images = images,
            Origin = string.Join(", ", ready.Select(static m => m.Result.Policy!.Origin)),
        });
    }

    private static ApplicationPolicyResult Conflict(ArgoApplication application, ConfigurationLocation location, string reason) =>
        ApplicationPolicyResult.Rejected(application, [new ConfigurationException(reason, location)]);
}
