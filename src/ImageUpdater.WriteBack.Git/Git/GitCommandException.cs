namespace ImageUpdater.WriteBack.Git;

/// <summary>A git command failed; the message names the repository (without user info), the branch and git's own message.</summary>
internal sealed class GitCommandException : ImageUpdaterException
{
    public GitCommandException()
    {
    }

    public GitCommandException(string message)
        : base(message)
    {
    }

    public GitCommandException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
