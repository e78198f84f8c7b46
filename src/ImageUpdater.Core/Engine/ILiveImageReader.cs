using ImageUpdater.Policies;

namespace ImageUpdater.Engine;

/// <summary>
/// Tells which images an application runs now, so that the engine updates only what the application uses and writes
/// nothing when it already runs the chosen image.
/// </summary>
/// <remarks>
/// The default reader takes Argo CD's <c>status.summary.images</c>. In file mode, where an Application file often has
/// no status, a reader registered by the write-back package reads what the write-back target in the repository holds.
/// </remarks>
public interface ILiveImageReader
{
    /// <summary>Reads the images <paramref name="policy"/>'s application runs.</summary>
    /// <param name="policy">The application and its write-back settings.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The live images; those that do not parse as references are left out.</returns>
    ValueTask<IReadOnlyList<ImageReference>> ReadAsync(ApplicationUpdatePolicy policy, CancellationToken cancellationToken = default);
}
