namespace ImageUpdater.WriteBack.Git;

/// <summary>
/// How git authenticates to a repository: a user name and password (or token) for https, an SSH private key, or
/// nothing of ours (<see cref="None"/>: the machine's own git configuration, credential helpers and SSH agent).
/// </summary>
internal sealed class GitCredentials
{
    private GitCredentials(string? username, string? password, string? sshPrivateKey)
    {
        Username = username;
        Password = password;
        SshPrivateKey = sshPrivateKey;
    }

    public static GitCredentials None { get; } = new(null, null, null);

    public string? Username { get; }

    public string? Password { get; }

    public string? SshPrivateKey { get; }

    public static GitCredentials Https(string username, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(password);
        return new(username, password, null);
    }

    public static GitCredentials Ssh(string privateKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(privateKey);
        return new(null, null, privateKey);
    }

    /// <summary>Never shows a secret, whatever prints this object.</summary>
    public override string ToString() =>
        SshPrivateKey is not null ? "ssh key" : Username is not null ? "user name and password" : "none";
}
