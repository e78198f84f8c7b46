using ImageUpdater.Registry;

namespace ImageUpdater.Samples.Embedding;

/// <summary>
/// A registry client decorator: hides tags that were withdrawn (a release pulled after it was pushed) from every
/// strategy, whatever the registry still lists. Wrap the registered lister with
/// <c>DecorateTagLister((inner, _) =&gt; new WithdrawnTagsLister(inner, ["1.2.0"]))</c>.
/// </summary>
public sealed class WithdrawnTagsLister(IRegistryTagLister inner, IEnumerable<string> withdrawn) : IRegistryTagLister
{
    private readonly HashSet<string> _withdrawn = new(withdrawn, StringComparer.Ordinal);

    /// <inheritdoc/>
    public async IAsyncEnumerable<string> ListTagsAsync(
        RegistryRepository repository,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var tag in inner.ListTagsAsync(repository, cancellationToken).ConfigureAwait(false))
        {
            if (!_withdrawn.Contains(tag))
            {
                yield return tag;
            }
        }
    }
}
