using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageUpdater.WriteBack.Git;

/// <summary>
/// The work folders under <see cref="GitWriteBackOptions.WorkRoot"/>, one per repository and branches, each used by
/// one caller at a time, kept between cycles and deleted when no longer used.
/// </summary>
internal sealed class GitWorkspaces(
    IOptions<GitWriteBackOptions> options,
    IGitRunner git,
    TimeProvider timeProvider,
    ILogger<GitWorkspaces> logger)
{
    private readonly KeyedLocks _locks = new();

    /// <summary>Waits until nobody else uses <paramref name="target"/>'s work folder and opens it; dispose to let others in.</summary>
    public async Task<GitWorkspace> OpenAsync(GitTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var lease = await _locks.AcquireAsync(target.FolderName, cancellationToken).ConfigureAwait(false);
        try
        {
            var folder = Path.Combine(Directory.CreateDirectory(options.Value.WorkRoot).FullName, target.FolderName);
            return new GitWorkspace(target, folder, options.Value, git, timeProvider, logger, lease);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>Deletes the work folders of every target but <paramref name="keep"/>, except those in use right now.</summary>
    /// <returns>How many folders were deleted.</returns>
    public Task<int> CleanUnusedAsync(IEnumerable<GitTarget> keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var root = options.Value.WorkRoot;
        if (!Directory.Exists(root))
        {
            return Task.FromResult(0);
        }

        var kept = keep.Select(static target => target.FolderName).ToHashSet(StringComparer.Ordinal);
        var deleted = 0;
        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(folder);
            if (kept.Contains(name))
            {
                continue;
            }

            using var lease = _locks.TryAcquire(name);
            if (lease is not null)
            {
                Directory.Delete(folder, recursive: true);
                deleted++;
            }
        }

        return Task.FromResult(deleted);
    }
}
