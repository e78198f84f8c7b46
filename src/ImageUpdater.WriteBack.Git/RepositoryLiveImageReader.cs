using System.Collections.Concurrent;
using ImageUpdater.Applications;
using ImageUpdater.Engine;
using ImageUpdater.Policies;
using Microsoft.Extensions.Options;

namespace ImageUpdater.WriteBack.Git;

/// <summary>
/// The live image reader of file mode: <c>status.summary.images</c> when the Application has it; otherwise, for the git
/// method, what the write-back target in the repository holds now, and for the argocd method the Helm parameters or
/// Kustomize images of the Application's own spec. A repository is fetched at most once per
/// <see cref="GitWriteBackOptions.RepositoryReadFreshness"/>, so a cycle over many applications of one repository
/// fetches it once.
/// </summary>
internal sealed class RepositoryLiveImageReader(
    GitWorkspaces workspaces,
    GitCredentialResolver credentials,
    IOptions<GitWriteBackOptions> options,
    TimeProvider timeProvider) : ILiveImageReader
{
    private readonly ConcurrentDictionary<string, long> _fetched = new(StringComparer.Ordinal);

    public async ValueTask<IReadOnlyList<ImageReference>> ReadAsync(ApplicationUpdatePolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        IEnumerable<string?> found = policy.Application.LiveImages.Count > 0
            ? policy.Application.LiveImages
            : policy.WriteBack.Method == WriteBackMethod.Git
                ? await ReadRepositoryAsync(policy, cancellationToken).ConfigureAwait(false)
                : ReadSpec(policy);
        var images = new List<ImageReference>();
        foreach (var text in found)
        {
            if (ImageReference.TryParseStrict(text, out var image))
            {
                images.Add(image);
            }
        }

        return images;
    }

    private async Task<IEnumerable<string?>> ReadRepositoryAsync(ApplicationUpdatePolicy policy, CancellationToken cancellationToken)
    {
        var target = GitTargets.Base(policy, await credentials.ResolveAsync(policy, cancellationToken).ConfigureAwait(false));
        var edits = policy.Images.Select(static image => ImageEdits.For(image, image.Image)).ToList();
        var workspace = await workspaces.OpenAsync(target, cancellationToken).ConfigureAwait(false);
        await using (workspace.ConfigureAwait(false))
        {
            // The folder is locked now: whoever fetched it last (this reader or a write-back) left it at the remote tip.
            var now = timeProvider.GetTimestamp();
            if (!_fetched.TryGetValue(target.FolderName, out var fetchedAt)
                || timeProvider.GetElapsedTime(fetchedAt, now) > options.Value.RepositoryReadFreshness
                || !Directory.Exists(workspace.CheckoutPath))
            {
                await workspace.PrepareAsync(cancellationToken).ConfigureAwait(false);
                _fetched[target.FolderName] = now;
            }

            return TargetFiles.Read(workspace.CheckoutPath, policy, edits, options.Value.ControllerNamespace).Select(static c => c.Reference).ToList();
        }
    }

    private static IEnumerable<string?> ReadSpec(ApplicationUpdatePolicy policy)
    {
        var source = policy.Source.Source;
        foreach (var image in policy.Images)
        {
            yield return policy.Source.Type switch
            {
                ApplicationSourceType.Helm => FromHelm(source.Helm?.Parameters ?? [], image.Target),
                ApplicationSourceType.Kustomize => FromKustomize(source.Kustomize?.Images ?? [], image),
                _ => null,
            };
        }
    }

    private static string? FromHelm(IReadOnlyList<HelmParameter> parameters, ImageManifestTarget target)
    {
        string? Value(string? name) => name is null ? null : parameters.LastOrDefault(p => p.Name == name)?.Value;
        if (!string.IsNullOrEmpty(target.HelmImageSpec))
        {
            return Value(target.HelmImageSpec);
        }

        var name = Value(target.EffectiveHelmImageName);
        var tag = Value(target.EffectiveHelmImageTag);
        return name is null ? null : tag is null ? name : name + (tag.StartsWith("sha256:", StringComparison.Ordinal) ? "@" : ":") + tag;
    }

    // An entry is "[kustomize-name=]reference"; it names the image by its kustomize name or by the reference's image.
    private static string? FromKustomize(IReadOnlyList<string> entries, ImageUpdatePolicy image)
    {
        foreach (var entry in entries)
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            var reference = equals < 0 ? entry : entry[(equals + 1)..];
            var key = equals < 0 ? null : entry[..equals];
            if ((key is not null && key == image.Target.KustomizeImageName)
                || (ImageReference.TryParseStrict(reference, out var parsed) && parsed.IsSameImage(image.Image)))
            {
                return reference;
            }
        }

        return null;
    }
}
