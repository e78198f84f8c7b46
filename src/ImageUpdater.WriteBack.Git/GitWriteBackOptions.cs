namespace ImageUpdater.WriteBack.Git;

/// <summary>Where and how the git write-back works: work folders, commit identity, signing, timeouts. Validated at start.</summary>
public sealed class GitWriteBackOptions
{
    /// <summary>Gets or sets the folder under which each repository and branch gets its own work folder.</summary>
    /// <value>The default value is <c>imageupdater-git</c> under <see cref="Path.GetTempPath"/>.</value>
    public string WorkRoot { get; set; } = Path.Combine(Path.GetTempPath(), "imageupdater-git");

    /// <summary>Gets or sets the name of the commits' author and committer.</summary>
    /// <value>The default value is <c>argocd-image-updater</c> (as the reference).</value>
    public string AuthorName { get; set; } = "argocd-image-updater";

    /// <summary>Gets or sets the e-mail address of the commits' author and committer.</summary>
    /// <value>The default value is <c>noreply@argoproj.io</c> (as the reference).</value>
    public string AuthorEmail { get; set; } = "noreply@argoproj.io";

    /// <summary>Gets or sets how commits are signed.</summary>
    /// <value>The default value is <see cref="GitSigningMethod.None"/>.</value>
    public GitSigningMethod SigningMethod { get; set; } = GitSigningMethod.None;

    /// <summary>
    /// Gets or sets the signing key given to git as <c>user.signingkey</c>: a GPG key id for
    /// <see cref="GitSigningMethod.OpenPgp"/>, the path of an SSH key for <see cref="GitSigningMethod.Ssh"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>; required when <see cref="SigningMethod"/> is not <see cref="GitSigningMethod.None"/>.</value>
    public string? SigningKey { get; set; }

    /// <summary>Gets or sets a value indicating whether each commit carries a <c>Signed-off-by</c> trailer.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool SignOff { get; set; }

    /// <summary>Gets or sets how long one git command may run before it is killed.</summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets how many times a push rejected because the remote moved is retried on the new tip.</summary>
    /// <value>The default value is 3.</value>
    public int PushRetries { get; set; } = 3;

    /// <summary>Gets or sets the git executable: a name looked up on <c>PATH</c> or a full path.</summary>
    /// <value>The default value is <c>git</c>.</value>
    public string GitExecutable { get; set; } = "git";

    /// <summary>
    /// Gets or sets the commit message template (Go <c>text/template</c> with <c>.AppName</c> and <c>.AppChanges</c>).
    /// At most one of this and <see cref="CommitMessageTemplatePath"/> may be set.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the reference's default message.</value>
    public string? CommitMessageTemplate { get; set; }

    /// <summary>Gets or sets the path of a file holding the commit message template, read once at start.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? CommitMessageTemplatePath { get; set; }

    /// <summary>
    /// Gets or sets the namespace Argo CD runs in: an application in another namespace gets the override file
    /// <c>.argocd-source-&lt;namespace&gt;_&lt;app&gt;.yaml</c>.
    /// </summary>
    /// <value>The default value is <c>argocd</c>.</value>
    public string ControllerNamespace { get; set; } = "argocd";

    /// <summary>Gets or sets how many repositories (and branches) a cycle writes to at the same time.</summary>
    /// <value>The default value is 4.</value>
    public int MaxConcurrentRepositories { get; set; } = 4;

    /// <summary>
    /// Gets or sets how long a repository the file-mode live image reader fetched stays current: applications of one
    /// repository read within this time share one fetch.
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan RepositoryReadFreshness { get; set; } = TimeSpan.FromSeconds(30);
}
