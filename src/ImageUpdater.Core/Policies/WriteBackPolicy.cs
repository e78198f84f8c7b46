namespace ImageUpdater.Policies;

/// <summary>How and where an application's updates are written back.</summary>
public sealed record WriteBackPolicy
{
    /// <summary>The credentials reference used by <c>git</c> without <c>:&lt;credentials&gt;</c>: Argo CD's repository credentials.</summary>
    public const string RepositoryCredentials = "repocreds";

    /// <summary>Gets the default policy: write through the Argo CD Application.</summary>
    public static WriteBackPolicy Default { get; } = new();

    /// <summary>Gets the method.</summary>
    /// <value>The default value is <see cref="WriteBackMethod.ArgoCd"/>.</value>
    public WriteBackMethod Method { get; init; } = WriteBackMethod.ArgoCd;

    /// <summary>
    /// Gets the Git credentials reference (the part after <c>git:</c>, such as <c>secret:argocd/git-creds</c>);
    /// <see langword="null"/> for the <c>argocd</c> method.
    /// </summary>
    /// <value>The default value for <c>git</c> is <c>repocreds</c>.</value>
    public string? GitCredentials { get; init; }

    /// <summary>Gets the repository to commit to; <see langword="null"/> means the chosen source's <c>repoURL</c>.</summary>
    public string? GitRepository { get; init; }

    /// <summary>
    /// Gets the branch to check out (the part before <c>:</c> of <c>git-branch</c>); <see langword="null"/> or empty
    /// means the source's <c>targetRevision</c>.
    /// </summary>
    public string? GitBranch { get; init; }

    /// <summary>
    /// Gets the branch to push to (the part after <c>:</c>, possibly a template); <see langword="null"/> means
    /// <see cref="GitBranch"/>.
    /// </summary>
    public string? GitWriteBranch { get; init; }

    /// <summary>Gets the file a Git write-back edits.</summary>
    /// <value>The default value is <see cref="WriteBackTarget.ParameterOverrides"/>.</value>
    public WriteBackTarget Target { get; init; } = WriteBackTarget.ParameterOverrides;
}
