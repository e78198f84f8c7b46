namespace ImageUpdater.Credentials;

/// <summary>A user name and password (or token) for a registry. Its text form never shows the password.</summary>
public sealed class RegistryCredential
{
    /// <summary>Creates a credential.</summary>
    /// <param name="username">The user name.</param>
    /// <param name="password">The password or token.</param>
    public RegistryCredential(string username, string password)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        Username = username;
        Password = password;
    }

    /// <summary>Gets the user name.</summary>
    public string Username { get; }

    /// <summary>Gets the password or token. Never log it.</summary>
    public string Password { get; }

    /// <summary>Returns the user name with the password redacted.</summary>
    /// <returns>A text safe to log.</returns>
    public override string ToString() => $"RegistryCredential(username: {Username}, password: ***)";
}
