using ImageUpdater.Policies;

namespace ImageUpdater.Engine;

/// <summary>
/// The default live image reader: the images Argo CD reports in <c>status.summary.images</c>. Entries that are not
/// image references are left out, as the reference's parser leaves them unmatched.
/// </summary>
internal sealed class StatusLiveImageReader : ILiveImageReader
{
    public ValueTask<IReadOnlyList<ImageReference>> ReadAsync(ApplicationUpdatePolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var images = new List<ImageReference>(policy.Application.LiveImages.Count);
        foreach (var text in policy.Application.LiveImages)
        {
            if (ImageReference.TryParseStrict(text, out var image))
            {
                images.Add(image);
            }
        }

        return ValueTask.FromResult<IReadOnlyList<ImageReference>>(images);
    }
}
