using ImageUpdater.Policies;

namespace ImageUpdater.Engine;

/// <summary>
/// Writes the changes of a cycle back to where the applications' images are configured, for one write-back method.
/// </summary>
/// <remarks>
/// The engine hands each handler every change set of the cycle that uses its method at once, so that a handler can
/// group them (the git handler makes one fetch and one push per repository and branch). A failure of one application
/// is a <see cref="WriteBackResult"/> for it, never an exception that stops the others.
/// </remarks>
public interface IWriteBackHandler
{
    /// <summary>Gets the method this handler implements.</summary>
    WriteBackMethod Method { get; }

    /// <summary>Writes <paramref name="changes"/> back.</summary>
    /// <param name="changes">The change sets of the cycle that use <see cref="Method"/>, one per application.</param>
    /// <param name="cancellationToken">Stops the work; what was pushed stays pushed.</param>
    /// <returns>One result per change set, in any order.</returns>
    ValueTask<IReadOnlyList<WriteBackResult>> WriteAsync(IReadOnlyList<ApplicationChangeSet> changes, CancellationToken cancellationToken = default);
}
