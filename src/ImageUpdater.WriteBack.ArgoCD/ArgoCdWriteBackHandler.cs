using System.Text;
using ImageUpdater.Applications;
using ImageUpdater.Engine;
using ImageUpdater.Policies;
using Microsoft.Extensions.Options;

namespace ImageUpdater.WriteBack.ArgoCD;

/// <summary>
/// The <c>argocd</c> write-back: sets the images in the Application's own Helm parameters or Kustomize images, as the
/// reference does, and writes the source through an <see cref="IApplicationStore"/>. A conflict (the Application
/// changed since it was read) reads it again and re-applies the change, a bounded number of times.
/// </summary>
internal sealed class ArgoCdWriteBackHandler(IApplicationStore store, IOptions<ArgoCdWriteBackOptions> options) : IWriteBackHandler
{
    public WriteBackMethod Method => WriteBackMethod.ArgoCd;

    public async ValueTask<IReadOnlyList<WriteBackResult>> WriteAsync(IReadOnlyList<ApplicationChangeSet> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var results = new List<WriteBackResult>(changes.Count);
        foreach (var changeSet in changes)
        {
            results.Add(await WriteOneAsync(changeSet, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private async ValueTask<WriteBackResult> WriteOneAsync(ApplicationChangeSet changeSet, CancellationToken cancellationToken)
    {
        var selection = changeSet.Policy.Source;
        if (selection.Type is not (ApplicationSourceType.Helm or ApplicationSourceType.Kustomize))
        {
            return WriteBackResult.Failed(changeSet, $"{changeSet.ApplicationName}: the argocd write-back sets Helm parameters or Kustomize images, and the source is {selection.Type}.");
        }

        // As the reference: up-to-date images are set too (with their current tag), in the order the images are configured.
        var images = changeSet.Policy.Images;
        var ordered = changeSet.UpToDate.Concat(changeSet.Changes).OrderBy(change => IndexOf(images, change.Image)).ToList();
        var description = Describe(changeSet.Changes);
        var application = changeSet.Policy.Application;
        var conflicts = new List<string>();
        var maxAttempts = options.Value.MaxAttempts;
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            try
            {
                if (attempt > 1 || application.Version is null)
                {
                    application = await store.ReadAsync(application, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (ImageUpdaterException ex)
            {
                return WriteBackResult.Failed(changeSet, ex.Message);
            }

            if (SourceAt(application, selection.Index) is not { } current)
            {
                return WriteBackResult.Failed(changeSet, $"{changeSet.ApplicationName} has no {SourceName(selection.Index)} any more.");
            }

            var updated = ApplicationImageSetter.Apply(current, selection.Type, ordered);
            if (SameImages(current, updated))
            {
                return WriteBackResult.NoChange(changeSet);
            }

            var replacement = new ApplicationSourceReplacement { Application = application, SourceIndex = selection.Index, Source = updated, Description = description, Changes = changeSet.Changes };
            var result = await store.ReplaceSourceAsync(replacement, cancellationToken).ConfigureAwait(false);
            switch (result.Outcome)
            {
                case ApplicationStoreOutcome.Updated:
                    return WriteBackResult.Written(changeSet, result.Detail);
                case ApplicationStoreOutcome.Failed:
                    return WriteBackResult.Failed(changeSet, result.Detail!);
                default:
                    conflicts.Add(result.Detail!);
                    break;
            }
        }

        return WriteBackResult.Failed(changeSet, $"{changeSet.ApplicationName} changed while it was being updated, {maxAttempts} time(s) in a row; last: {conflicts[^1]}");
    }

    private static int IndexOf(IReadOnlyList<ImageUpdatePolicy> images, ImageUpdatePolicy image)
    {
        for (var i = 0; i < images.Count; i++)
        {
            if (ReferenceEquals(images[i], image) || images[i] == image)
            {
                return i;
            }
        }

        return images.Count;
    }

    // The reference's default commit message lists each change this way; the store decides what to do with it.
    private static string Describe(IReadOnlyList<ImageChange> changes)
    {
        var text = new StringBuilder();
        foreach (var change in changes)
        {
            text.Append("updates image ").Append(change.New.Name).Append(" tag '").Append(change.OldTag).Append("' to '").Append(change.NewTag).Append("'\n");
        }

        return text.ToString();
    }

    private static ApplicationSource? SourceAt(ArgoApplication application, int index) =>
        index < 0 ? application.Source : index < application.Sources.Count ? application.Sources[index] : null;

    private static string SourceName(int index) => index < 0 ? "spec.source" : $"spec.sources[{index}]";

    // Records compare lists by reference; the argocd method changes only these two lists.
    private static bool SameImages(ApplicationSource current, ApplicationSource updated) =>
        (current.Helm?.Parameters ?? []).SequenceEqual(updated.Helm?.Parameters ?? [])
        && (current.Kustomize?.Images ?? []).SequenceEqual(updated.Kustomize?.Images ?? [], StringComparer.Ordinal);
}
