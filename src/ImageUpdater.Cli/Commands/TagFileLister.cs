using System.Runtime.CompilerServices;
using ImageUpdater.Registry;

namespace ImageUpdater.Cli.Commands;

/// <summary>
/// Stands in for the registry's tag list under <c>test --tags-from</c>, so that the tags of a file go through the same
/// resolver (filters, funnel, strategy) as a registry's, and no request is sent.
/// </summary>
internal sealed class TagFileLister : IRegistryTagLister
{
    /// <summary>Gets or sets the tags read from the file, set before the resolver asks.</summary>
    public IReadOnlyList<string> Tags { get; set; } = [];

    public async IAsyncEnumerable<string> ListTagsAsync(RegistryRepository repository, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        foreach (var tag in Tags)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return tag;
        }
    }
}
