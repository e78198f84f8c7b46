namespace ImageUpdater.WriteBack.Git;

/// <summary>
/// One application's change: <see cref="Apply"/> edits files in the checkout and returns the paths (relative to the
/// checkout, <c>/</c>-separated) it wrote or deleted. It must be a pure function of the checkout's content, so that
/// it can run again on a newer tip after a rejected push; it throws only for a programmer error.
/// </summary>
/// <param name="Message">The commit message.</param>
/// <param name="Author">The commit's author; the committer is always the configured identity.</param>
/// <param name="Apply">Edits the checkout at the given path.</param>
internal sealed record PendingCommit(
    string Message,
    CommitAuthor Author,
    Func<string, CancellationToken, ValueTask<IReadOnlyList<string>>> Apply);
