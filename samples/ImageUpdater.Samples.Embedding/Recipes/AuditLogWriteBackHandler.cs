using System.Text.Json;
using ImageUpdater.Engine;
using ImageUpdater.Policies;

namespace ImageUpdater.Samples.Embedding;

/// <summary>
/// A custom write-back handler: instead of patching Applications (the <c>argocd</c> method), appends each change as
/// one JSON line to an audit file that another system applies. Register it after the built-in handlers, with
/// <c>services.AddSingleton&lt;IWriteBackHandler&gt;(new AuditLogWriteBackHandler(path))</c>: for a method, the handler
/// registered last wins.
/// </summary>
public sealed class AuditLogWriteBackHandler(string path) : IWriteBackHandler
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <inheritdoc/>
    public WriteBackMethod Method => WriteBackMethod.ArgoCd;

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<WriteBackResult>> WriteAsync(IReadOnlyList<ApplicationChangeSet> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var results = new List<WriteBackResult>(changes.Count);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var changeSet in changes)
            {
                // One application's failure is a value in its result, never an exception that stops the others.
                var application = changeSet.Policy.Application;
                try
                {
                    var lines = changeSet.Changes.Select(change => JsonSerializer.Serialize(new
                    {
                        application = $"{application.Namespace}/{application.Name}",
                        image = change.Image.Image.Name,
                        from = change.OldTag,
                        to = change.NewTag,
                    }));
                    await File.AppendAllLinesAsync(path, lines, cancellationToken).ConfigureAwait(false);
                    results.Add(WriteBackResult.Written(changeSet, $"appended to {Path.GetFileName(path)}"));
                }
                catch (IOException failure)
                {
                    results.Add(WriteBackResult.Failed(changeSet, $"{changeSet.ApplicationName}: cannot append to {path}: {failure.Message}"));
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        return results;
    }
}
