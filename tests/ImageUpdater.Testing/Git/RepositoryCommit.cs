namespace ImageUpdater.Testing;

/// <summary>A commit as read back from a <see cref="BareRepository"/>.</summary>
public sealed record RepositoryCommit(string Sha, string AuthorName, string AuthorEmail, string CommitterName, string CommitterEmail, string Message, IReadOnlyList<string> Parents);
