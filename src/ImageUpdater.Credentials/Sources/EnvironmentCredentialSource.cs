namespace ImageUpdater.Credentials;

/// <summary><c>env:VAR</c>: reads <c>user:pass</c> from an environment variable; both parts must be non-empty.</summary>
/// <param name="variable">The variable's name.</param>
public sealed class EnvironmentCredentialSource(string variable) : RegistryCredentialSource
{
    /// <summary>Gets the variable's name.</summary>
    public string Variable { get; } = variable ?? throw new ArgumentNullException(nameof(variable));

    /// <inheritdoc />
    public override ValueTask<RegistryCredential> GetCredentialAsync(string registryApiUrl, CancellationToken cancellationToken = default)
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(value))
        {
            throw new CredentialUnavailableException($"could not fetch credentials: env '{Variable}' is not set");
        }

        return TrySplitUserPassword(value, out var credential, requireBoth: true)
            ? ValueTask.FromResult(credential!)
            : throw new CredentialException($"could not fetch credentials: value of {Variable} is malformed");
    }

    /// <summary>Returns the spec form.</summary>
    /// <returns><c>env:VAR</c>.</returns>
    public override string ToString() => "env:" + Variable;
}
