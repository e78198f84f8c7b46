using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace ImageUpdater.WriteBack.Git;

/// <summary>
/// One work folder for one <see cref="GitTarget"/>, held exclusively until disposed: brings it to the remote tip,
/// commits each application's change and pushes them all at once, retrying on a newer tip when the remote moved.
/// </summary>
internal sealed partial class GitWorkspace : IAsyncDisposable
{
    private const string MarksFile = "imageupdater-marks";

    private readonly GitTarget _target;
    private readonly GitWriteBackOptions _options;
    private readonly IGitRunner _git;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IDisposable _lease;
    private readonly GitCredentialSession _credentials;
    private readonly CommitAuthor _committer;
    private string? _baseBranch;

    private string RepositoryForMessages { get; }

    public GitWorkspace(GitTarget target, string folder, GitWriteBackOptions options, IGitRunner git, TimeProvider time, ILogger logger, IDisposable lease)
    {
        _target = target;
        CheckoutPath = folder;
        _options = options;
        _git = git;
        _time = time;
        _logger = logger;
        _lease = lease;
        _committer = new CommitAuthor(options.AuthorName, options.AuthorEmail);
        RepositoryForMessages = RepositoryUrl.Redact(target.RepositoryUrl);
        _credentials = GitCredentialSession.Start(target.Credentials);
    }

    /// <summary>Gets the folder the repository is checked out in.</summary>
    public string CheckoutPath { get; }

    /// <summary>Gets the branch checked out, once <see cref="PrepareAsync"/> has resolved it.</summary>
    public string BaseBranch => _baseBranch ?? throw new InvalidOperationException("The workspace is not prepared yet.");

    /// <summary>Gets the branch pushed to.</summary>
    public string PushBranch => _target.WriteBranch ?? BaseBranch;

    // A write branch is the updater's own: rebuilt from the base's tip every time and replaced, as the reference does.
    private bool OwnsPushBranch => _target.WriteBranch is not null && _target.WriteBranch != _baseBranch;

    private bool CommitsWithGit => _options.SigningMethod != GitSigningMethod.None || _options.SignOff;

    private string BranchForMessages => _target.WriteBranch ?? _baseBranch ?? (_target.UsesDefaultBranch ? "(default branch)" : _target.Branch!);

    /// <summary>
    /// Clones the repository on first use, or fetches the branch and resets to it, dropping whatever a crashed cycle
    /// left behind; then checks out the push branch at the remote base's tip.
    /// </summary>
    /// <exception cref="GitCommandException">A git command failed or timed out.</exception>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        _baseBranch = _target.UsesDefaultBranch ? await DefaultBranchAsync(cancellationToken).ConfigureAwait(false) : _target.Branch!;
        if (Directory.Exists(Path.Combine(CheckoutPath, ".git")))
        {
            await RunAsync(CheckoutPath, ["fetch", "--quiet", "--depth", "1", "--no-tags", "origin", $"refs/heads/{_baseBranch}"], cancellationToken).ConfigureAwait(false);
            await RunAsync(CheckoutPath, ["checkout", "--quiet", "--force", "-B", PushBranch, "FETCH_HEAD"], cancellationToken).ConfigureAwait(false);
            await RunAsync(CheckoutPath, ["clean", "--quiet", "-fdx"], cancellationToken).ConfigureAwait(false);
            return;
        }

        if (Directory.Exists(CheckoutPath))
        {
            // A clone that failed half-way.
            Directory.Delete(CheckoutPath, recursive: true);
        }

        var root = Path.GetDirectoryName(CheckoutPath)!;
        await RunAsync(root, ["clone", "--quiet", "--depth", "1", "--no-tags", "--branch", _baseBranch, "--", _target.RepositoryUrl, CheckoutPath], cancellationToken).ConfigureAwait(false);
        if (PushBranch != _baseBranch)
        {
            await RunAsync(CheckoutPath, ["checkout", "--quiet", "-B", PushBranch], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs every pending commit's edits on the remote tip, commits those that change something (one commit each) and
    /// pushes them in one push; when the remote moved meanwhile, starts again on its new tip, at most
    /// <see cref="GitWriteBackOptions.PushRetries"/> more times. Prepares the workspace first unless already done.
    /// </summary>
    /// <returns>One result per pending commit, in order; git failures are results, not exceptions.</returns>
    public async Task<IReadOnlyList<CommitResult>> CommitAndPushAsync(IReadOnlyList<PendingCommit> pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var rejection = string.Empty;
        try
        {
            for (var attempt = 0; attempt <= _options.PushRetries; attempt++)
            {
                if (attempt > 0 || _baseBranch is null)
                {
                    await PrepareAsync(cancellationToken).ConfigureAwait(false);
                }

                var (results, tip) = CommitsWithGit
                    ? await CommitWithGitAsync(pending, cancellationToken).ConfigureAwait(false)
                    : await CommitWithFastImportAsync(pending, cancellationToken).ConfigureAwait(false);
                if (tip is null)
                {
                    return results;
                }

                var push = await PushAsync(tip, cancellationToken).ConfigureAwait(false);
                if (push.Succeeded)
                {
                    var committed = results.Count(static r => r.Outcome == CommitOutcome.Committed);
                    LogPushed(_logger, committed, PushBranch, RepositoryForMessages);

                    return results;
                }

                if (!IsRejectedBecauseRemoteMoved(push))
                {
                    return FailAll(pending, results, Describe("push", push));
                }

                rejection = Describe("push", push);
                if (attempt < _options.PushRetries)
                {
                    LogRetrying(_logger, PushBranch, RepositoryForMessages, attempt + 1, _options.PushRetries);
                }
            }

            var error = $"The push to branch {PushBranch} of repository {RepositoryForMessages} was rejected {_options.PushRetries + 1} times because the remote kept moving; last: {rejection}";
            return FailAll(pending, null, error);
        }
        catch (GitCommandException e)
        {
            return FailAll(pending, null, e.Message);
        }
    }

    public ValueTask DisposeAsync()
    {
        _credentials.Dispose();
        _lease.Dispose();
        return ValueTask.CompletedTask;
    }


    private static List<CommitResult> FailAll(IReadOnlyList<PendingCommit> pending, IReadOnlyList<CommitResult>? results, string error) =>
        [.. pending.Select((_, i) => results?[i].Outcome == CommitOutcome.NoChange ? CommitResult.NoChange : CommitResult.Failed(error))];

    // Porcelain flags a ref the remote refused because it is not a fast-forward (or, with a lease, changed) as "!" + "[rejected]";
    // "[remote rejected]" (a hook or protection rule) is final.
    private static bool IsRejectedBecauseRemoteMoved(GitProcessResult push) =>
        push.StandardOutput.Split('\n').Any(static line => line.StartsWith('!') && line.Contains("\t[rejected]", StringComparison.Ordinal));

    private async Task<string> DefaultBranchAsync(CancellationToken cancellationToken)
    {
        var root = Path.GetDirectoryName(CheckoutPath)!;
        var output = await RunAsync(root, ["ls-remote", "--symref", "--", _target.RepositoryUrl, "HEAD"], cancellationToken).ConfigureAwait(false);
        const string Prefix = "ref: refs/heads/";
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith(Prefix, StringComparison.Ordinal) && line.EndsWith("\tHEAD", StringComparison.Ordinal))
            {
                return line[Prefix.Length..^"\tHEAD".Length];
            }
        }

        throw new GitCommandException($"The default branch of repository {RepositoryForMessages} is unknown: its HEAD names no branch (is the repository empty?).");
    }

    private async Task<(IReadOnlyList<CommitResult> Results, string? Tip)> CommitWithFastImportAsync(IReadOnlyList<PendingCommit> pending, CancellationToken cancellationToken)
    {
        var head = (await RunAsync(CheckoutPath, ["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false)).Trim();
        var snapshots = new List<Dictionary<string, byte[]?>>(pending.Count);
        foreach (var commit in pending)
        {
            snapshots.Add(await ApplyAsync(commit, cancellationToken).ConfigureAwait(false));
        }

        var baseline = await ReadTreeEntriesAsync(head, snapshots.SelectMany(static s => s.Keys).Distinct(StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false);
        var current = baseline.ToDictionary(static e => e.Key, static e => (string?)e.Value.Id, StringComparer.Ordinal);
        var stream = new FastImportStream($"refs/heads/{PushBranch}", head);
        var now = _time.GetUtcNow();
        var marks = new int?[pending.Count];
        for (var i = 0; i < pending.Count; i++)
        {
            var changes = new List<(string Path, string Mode, byte[]? Content)>();
            foreach (var (path, content) in snapshots[i].OrderBy(static f => f.Key, StringComparer.Ordinal))
            {
                var id = content is null ? null : GitObjectId.ForBlob(content, head.Length);
                if (id != current.GetValueOrDefault(path))
                {
                    changes.Add((path, baseline.TryGetValue(path, out var entry) ? entry.Mode : "100644", content));
                    current[path] = id;
                }
            }

            if (changes.Count > 0)
            {
                marks[i] = i + 1;
                stream.AddCommit(i + 1, pending[i].Author, _committer, now, pending[i].Message, changes);
            }
        }

        if (marks.All(static m => m is null))
        {
            return (pending.Select(static _ => CommitResult.NoChange).ToList(), null);
        }

        var marksPath = Path.Combine(CheckoutPath, ".git", MarksFile);
        await RunAsync(CheckoutPath, ["fast-import", "--quiet", $"--export-marks={marksPath}"], cancellationToken, stream.Finish()).ConfigureAwait(false);
        var shas = (await File.ReadAllLinesAsync(marksPath, cancellationToken).ConfigureAwait(false))
            .Select(static line => line.Split(' '))
            .ToDictionary(static parts => parts[0], static parts => parts[1], StringComparer.Ordinal);

        // The working tree already holds the new content; the index still describes the old tip, which is harmless
        // because every cycle and retry starts with a forced checkout.
        var results = marks.Select(mark => mark is { } m ? CommitResult.Committed(shas[$":{m}"]) : CommitResult.NoChange).ToList();
        return (results, results.Last(static r => r.Sha is not null).Sha);
    }

    // Signing and sign-off are git's business: one `git commit` per application when they are asked for.
    private async Task<(IReadOnlyList<CommitResult> Results, string? Tip)> CommitWithGitAsync(IReadOnlyList<PendingCommit> pending, CancellationToken cancellationToken)
    {
        var results = new List<CommitResult>(pending.Count);
        string? tip = null;
        foreach (var commit in pending)
        {
            var files = await ApplyAsync(commit, cancellationToken).ConfigureAwait(false);
            if (files.Count > 0)
            {
                await RunAsync(CheckoutPath, ["update-index", "--add", "--remove", "--", .. files.Keys], cancellationToken).ConfigureAwait(false);
            }

            var diff = await RunAllowingFailureAsync(CheckoutPath, ["diff-index", "--cached", "--quiet", "HEAD", "--"], cancellationToken).ConfigureAwait(false);
            if (diff.ExitCode == 0)
            {
                results.Add(CommitResult.NoChange);
                continue;
            }

            if (diff.ExitCode != 1)
            {
                throw new GitCommandException(Describe("diff-index", diff));
            }

            List<string> arguments = [];
            if (_options.SigningMethod != GitSigningMethod.None)
            {
                arguments.AddRange(["-c", $"gpg.format={(_options.SigningMethod == GitSigningMethod.Ssh ? "ssh" : "openpgp")}", "-c", $"user.signingKey={_options.SigningKey}"]);
            }

            arguments.AddRange(["commit", "--quiet", "--no-verify", "--file=-"]);
            if (_options.SigningMethod != GitSigningMethod.None)
            {
                arguments.Add("--gpg-sign");
            }

            if (_options.SignOff)
            {
                arguments.Add("--signoff");
            }

            var identity = new Dictionary<string, string>
            {
                ["GIT_AUTHOR_NAME"] = commit.Author.Name,
                ["GIT_AUTHOR_EMAIL"] = commit.Author.Email,
                ["GIT_COMMITTER_NAME"] = _committer.Name,
                ["GIT_COMMITTER_EMAIL"] = _committer.Email,
            };
            await RunAsync(CheckoutPath, arguments, cancellationToken, Encoding.UTF8.GetBytes(commit.Message), identity).ConfigureAwait(false);
            tip = (await RunAsync(CheckoutPath, ["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false)).Trim();
            results.Add(CommitResult.Committed(tip));
        }

        return (results, tip);
    }

    /// <summary>Runs one application's edits and reads back what they left in each file they name (null: deleted).</summary>
    private async Task<Dictionary<string, byte[]?>> ApplyAsync(PendingCommit commit, CancellationToken cancellationToken)
    {
        var paths = await commit.Apply(CheckoutPath, cancellationToken).ConfigureAwait(false);
        var root = Path.GetFullPath(CheckoutPath) + Path.DirectorySeparatorChar;
        var files = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(Path.Combine(root, path));
            var relative = Path.GetRelativePath(root, full).Replace(Path.DirectorySeparatorChar, '/');
            if (!full.StartsWith(root, StringComparison.Ordinal) || relative == ".git" || relative.StartsWith(".git/", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"An edit reported the path '{path}', which is outside the checkout of repository {RepositoryForMessages}.");
            }

            files[relative] = File.Exists(full) ? await File.ReadAllBytesAsync(full, cancellationToken).ConfigureAwait(false) : null;
        }

        return files;
    }

    private async Task<Dictionary<string, (string Mode, string Id)>> ReadTreeEntriesAsync(string commit, List<string> paths, CancellationToken cancellationToken)
    {
        var entries = new Dictionary<string, (string Mode, string Id)>(StringComparer.Ordinal);
        if (paths.Count == 0)
        {
            return entries;
        }

        var output = await RunAsync(CheckoutPath, ["ls-tree", "-z", "--full-tree", commit, "--", .. paths], cancellationToken).ConfigureAwait(false);
        foreach (var record in output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            // "<mode> <type> <id>\t<path>"
            var tab = record.IndexOf('\t', StringComparison.Ordinal);
            var fields = record[..tab].Split(' ');
            if (fields[1] == "blob")
            {
                entries[record[(tab + 1)..]] = (fields[0], fields[2]);
            }
        }

        return entries;
    }

    private async Task<GitProcessResult> PushAsync(string tip, CancellationToken cancellationToken)
    {
        List<string> arguments = ["push", "--porcelain"];
        if (OwnsPushBranch)
        {
            // Replace the write branch only if it is still what we just saw: a concurrent cycle's push is not lost silently.
            var remote = await RunAsync(CheckoutPath, ["ls-remote", "origin", $"refs/heads/{PushBranch}"], cancellationToken).ConfigureAwait(false);
            var expected = remote.Split('\t', 2)[0].Trim();
            arguments.Add($"--force-with-lease=refs/heads/{PushBranch}:{expected}");
        }

        arguments.AddRange(["origin", $"{tip}:refs/heads/{PushBranch}"]);
        return await RunAllowingFailureAsync(CheckoutPath, arguments, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> RunAsync(string directory, IReadOnlyList<string> arguments, CancellationToken cancellationToken, ReadOnlyMemory<byte> input = default, IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = await RunAllowingFailureAsync(directory, arguments, cancellationToken, input, environment).ConfigureAwait(false);
        return result.Succeeded ? result.StandardOutput : throw new GitCommandException(Describe(Subcommand(arguments), result));
    }

    private async Task<GitProcessResult> RunAllowingFailureAsync(string directory, IReadOnlyList<string> arguments, CancellationToken cancellationToken, ReadOnlyMemory<byte> input = default, IReadOnlyDictionary<string, string>? environment = null)
    {
        var variables = new Dictionary<string, string>(_credentials.Environment);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }

        var invocation = new GitInvocation([.. _credentials.ConfigArguments, .. arguments], directory, _options.CommandTimeout)
        {
            Environment = variables,
            StandardInput = input,
        };
        var started = _time.GetTimestamp();
        var result = await _git.RunAsync(invocation, cancellationToken).ConfigureAwait(false);
        var elapsed = _time.GetElapsedTime(started).TotalMilliseconds;
        LogCommand(_logger, invocation.Subcommand, RepositoryForMessages, result.ExitCode, elapsed);

        return result;
    }

    private static string Subcommand(IReadOnlyList<string> arguments) => new GitInvocation(arguments, string.Empty, TimeSpan.Zero).Subcommand;

    private string Describe(string subcommand, GitProcessResult result)
    {
        // A push names the refused ref and the reason only on its porcelain output; stderr just says it failed.
        var refused = string.Join("; ", result.StandardOutput.Split('\n').Where(static line => line.StartsWith('!')).Select(static line => line.Trim()));
        var message = result.TimedOut
            ? string.Create(CultureInfo.InvariantCulture, $"timed out after {_options.CommandTimeout}")
            : new[] { refused, result.StandardError.Trim(), result.StandardOutput.Trim() }.FirstOrDefault(static text => text.Length > 0)
                ?? string.Create(CultureInfo.InvariantCulture, $"exit code {result.ExitCode}");
        return $"git {subcommand} failed for repository {RepositoryForMessages}, branch {BranchForMessages}: {RepositoryUrl.Redact(message)}";
    }
}
