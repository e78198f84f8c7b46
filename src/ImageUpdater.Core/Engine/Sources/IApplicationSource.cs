namespace ImageUpdater.Engine;

/// <summary>
/// Yields the objects an update cycle works on (Argo CD <c>Application</c> and <c>ImageUpdater</c> documents), read once
/// per cycle from files or from a cluster.
/// </summary>
/// <remarks>
/// A source does not interpret the objects: one mapper (registered by the policy package) reads every document, so that
/// files and clusters share one set of rules and error messages. A document the source cannot read at all (an
/// unreadable file) is reported in <see cref="ApplicationSourceSnapshot.Errors"/> and the others go on.
/// </remarks>
public interface IApplicationSource
{
    /// <summary>Reads every document the source holds now.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The documents and the problems met while reading them.</returns>
    ValueTask<ApplicationSourceSnapshot> ReadAsync(CancellationToken cancellationToken = default);
}
