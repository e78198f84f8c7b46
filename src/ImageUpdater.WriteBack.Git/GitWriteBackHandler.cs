using ImageUpdater.Engine;
using ImageUpdater.Policies;
using ImageUpdater.WriteBack.Git.Editing;
using ImageUpdater.WriteBack.Git.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageUpdater.WriteBack.Git;

/// <summary>
/// The git write-back: groups a cycle's change sets by repository and branches, and per group prepares one workspace,
/// makes one commit per application (its own rendered message) and pushes once. Groups run in parallel, bounded by
/// <see cref="GitWriteBackOptions.MaxConcurrentRepositories"/>.
/// </summary>
internal sealed partial class GitWriteBackHandler : IWriteBackHandler
{
    private readonly GitWorkspaces _workspaces;
    private readonly GitCredentialResolver _credentials;
    private readonly GitWriteBackOptions _options;
    private readonly CommitMessageTemplate _messages;
    private readonly ILogger _logger;

    public GitWriteBackHandler(GitWorkspaces workspaces, GitCredentialResolver credentials, IOptions<GitWriteBackOptions> options, ILogger<GitWriteBackHandler> logger)
    {
        _workspaces = workspaces;
        _credentials = credentials;
        _options = options.Value;
        _messages = CommitMessageTemplateSource.Load(_options);
        _logger = logger;
    }

    public WriteBackMethod Method => WriteBackMethod.Git;

    public async ValueTask<IReadOnlyList<WriteBackResult>> WriteAsync(IReadOnlyList<ApplicationChangeSet> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var results = new List<WriteBackResult>(changes.Count);
        var targeted = new List<(GitTarget Target, ApplicationChangeSet ChangeSet)>(changes.Count);
        foreach (var changeSet in changes)
        {
            try
            {
                var credentials = await _credentials.ResolveAsync(changeSet.Policy, cancellationToken).ConfigureAwait(false);
                targeted.Add((GitTargets.WithWriteBranch(GitTargets.Base(changeSet.Policy, credentials), changeSet), changeSet));
            }
            catch (ConfigurationException e)
            {
                results.Add(Fail(changeSet, e.Message));
            }
        }

        // Credentials are part of the key: applications reaching one repository with different secrets push apart.
        var groups = targeted.GroupBy(static t => (t.Target.FolderName, t.Target.Credentials)).ToList();
        var written = new List<WriteBackResult>[groups.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentRepositories, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, groups.Count), parallel, async (index, token) =>
            written[index] = await WriteGroupAsync(groups[index].First().Target, [.. groups[index].Select(static t => t.ChangeSet)], token).ConfigureAwait(false))
            .ConfigureAwait(false);
        results.AddRange(written.SelectMany(static w => w));
        return results;
    }

    private async Task<List<WriteBackResult>> WriteGroupAsync(GitTarget target, List<ApplicationChangeSet> changeSets, CancellationToken cancellationToken)
    {
        var repository = RepositoryUrl.Redact(target.RepositoryUrl);
        var edits = changeSets.Select(changeSet => new ApplicationEdit(changeSet, _options.ControllerNamespace)).ToList();
        IReadOnlyList<CommitResult> commits;
        string branch;
        var workspace = await _workspaces.OpenAsync(target, cancellationToken).ConfigureAwait(false);
        await using (workspace.ConfigureAwait(false))
        {
            commits = await workspace.CommitAndPushAsync([.. edits.Select(ToPendingCommit)], cancellationToken).ConfigureAwait(false);
            branch = SafeBranch(workspace, target);
        }

        var results = new List<WriteBackResult>(changeSets.Count);
        for (var i = 0; i < edits.Count; i++)
        {
            var changeSet = edits[i].ChangeSet;
            results.Add(edits[i].Failure is { } failure
                ? Fail(changeSet, $"{changeSet.ApplicationName}: write-back to repository {repository} failed: {failure}")
                : commits[i].Outcome switch
                {
                    CommitOutcome.Committed => WriteBackResult.Written(changeSet, $"{commits[i].Sha![..7]} on {branch} of {repository}"),
                    CommitOutcome.NoChange => WriteBackResult.NoChange(changeSet),
                    _ => Fail(changeSet, $"{changeSet.ApplicationName}: {commits[i].Error}"),
                });
        }

        return results;
    }

    private PendingCommit ToPendingCommit(ApplicationEdit edit) =>
        new(RenderMessage(edit.ChangeSet), new CommitAuthor(_options.AuthorName, _options.AuthorEmail), edit.ApplyAsync);

    private string RenderMessage(ApplicationChangeSet changeSet)
    {
        var changes = changeSet.Changes
            .Select(static c => new CommitChange(c.New.Name, c.OldTag, c.NewTag, c.Selected.Labels.Count == 0 ? null : c.Selected.Labels))
            .ToList();
        var rendering = _messages.Render(new CommitMessageData(changeSet.Policy.Application.Name, changes));
        if (rendering.Failure is { } failure)
        {
            LogMessageFallback(_logger, changeSet.ApplicationName, failure.Message);
        }

        return rendering.Text;
    }

    // The workspace knows the branch only once prepared; a group that failed before that is named by its target.
    private static string SafeBranch(GitWorkspace workspace, GitTarget target)
    {
        try
        {
            return workspace.PushBranch;
        }
        catch (InvalidOperationException)
        {
            return target.WriteBranch ?? target.Branch ?? "(default branch)";
        }
    }

    private WriteBackResult Fail(ApplicationChangeSet changeSet, string message)
    {
        LogFailed(_logger, changeSet.ApplicationName, message);
        return WriteBackResult.Failed(changeSet, message);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The commit message template failed for {Application}; using the fallback message: {Reason}")]
    private static partial void LogMessageFallback(ILogger logger, string application, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Git write-back of {Application} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string application, string reason);
}
