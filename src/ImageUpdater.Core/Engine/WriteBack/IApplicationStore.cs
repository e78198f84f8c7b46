using ImageUpdater.Applications;

namespace ImageUpdater.Engine;

/// <summary>
/// Where the <c>argocd</c> write-back method reads and updates Application objects: the Kubernetes API in a cluster,
/// the Application's own YAML file in file mode.
/// </summary>
/// <remarks>
/// Updates are optimistic: <see cref="ReplaceSourceAsync"/> succeeds only while the object is still at the
/// <see cref="ArgoApplication.Version"/> it was read at, and reports <see cref="ApplicationStoreOutcome.Conflict"/>
/// otherwise, after which the caller reads it again and re-applies its change.
/// </remarks>
public interface IApplicationStore
{
    /// <summary>Reads the current state of an application, with the version a later update must match.</summary>
    /// <param name="application">The application as a source read it (its name, namespace and location identify it).</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The application as it is now, with <see cref="ArgoApplication.Version"/> set.</returns>
    /// <exception cref="ImageUpdaterException">The application cannot be read; the message names it and where it was looked for.</exception>
    ValueTask<ArgoApplication> ReadAsync(ArgoApplication application, CancellationToken cancellationToken = default);

    /// <summary>Replaces one source of an application, if the application is still at the version it was read at.</summary>
    /// <param name="replacement">The application as read, which source to replace, the new source and a description.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>Updated, a conflict (read again and retry), or a failure naming what went wrong.</returns>
    ValueTask<ApplicationStoreResult> ReplaceSourceAsync(ApplicationSourceReplacement replacement, CancellationToken cancellationToken = default);
}
