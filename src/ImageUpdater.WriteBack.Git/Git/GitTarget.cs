namespace ImageUpdater.WriteBack.Git;

/// <summary>A repository and the branches one write-back works on.</summary>
/// <param name="RepositoryUrl">The repository: an https, ssh or git URL, a <c>file://</c> URL or a local path.</param>
/// <param name="Branch">The branch to check out; <see langword="null"/>, empty or <c>HEAD</c> means the remote's default branch.</param>
/// <param name="WriteBranch">
/// The branch to push to, created from <paramref name="Branch"/>'s tip (the rendered target of <c>base:target</c>);
/// <see langword="null"/> pushes to <paramref name="Branch"/>. The updater owns a write branch: it is replaced, not merged.
/// </param>
internal sealed record GitTarget(string RepositoryUrl, string? Branch = null, string? WriteBranch = null)
{
    /// <summary>Gets the credentials git uses for this repository.</summary>
    public GitCredentials Credentials { get; init; } = GitCredentials.None;

    /// <summary>Gets a value indicating whether <see cref="Branch"/> names the remote's default branch.</summary>
    public bool UsesDefaultBranch => string.IsNullOrEmpty(Branch) || Branch == "HEAD";

    /// <summary>Gets the name of this target's work folder: a hash, so any URL and branch give a safe, fixed-length name.</summary>
    public string FolderName
    {
        get
        {
            var key = string.Join('\n', RepositoryUrl, UsesDefaultBranch ? "" : Branch, WriteBranch ?? "");
            var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));
            return Convert.ToHexStringLower(hash.AsSpan(0, 16));
        }
    }
}
