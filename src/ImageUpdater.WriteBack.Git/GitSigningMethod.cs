namespace ImageUpdater.WriteBack.Git;

/// <summary>How commits are signed (git's <c>gpg.format</c>).</summary>
public enum GitSigningMethod
{
    /// <summary>Commits are not signed.</summary>
    None,

    /// <summary>Signed with GPG (<c>gpg.format=openpgp</c>).</summary>
    OpenPgp,

    /// <summary>Signed with an SSH key (<c>gpg.format=ssh</c>).</summary>
    Ssh,
}
