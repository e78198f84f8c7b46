namespace ImageUpdater.WriteBack.Git;

/// <summary>A commit's author or committer, as git writes it: <c>Name &lt;Email&gt;</c>.</summary>
internal sealed record CommitAuthor
{
    public CommitAuthor(string name, string email)
    {
        Name = Checked(name, nameof(name));
        Email = Checked(email, nameof(email));
    }

    public string Name { get; }

    public string Email { get; }

    // The identity is one header line of the commit: a bracket or line break would corrupt it.
    private static string Checked(string value, string parameter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameter);
        return value.IndexOfAny(['<', '>', '\n', '\r']) < 0
            ? value
            : throw new ArgumentException($"A commit identity must not contain '<', '>' or a line break (was '{value}').", parameter);
    }
}
