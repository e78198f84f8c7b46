using System.Text;
using ImageUpdater.Credentials;
using ImageUpdater.Policies;

namespace ImageUpdater.WriteBack.Git;

/// <summary>
/// Turns an application's git credentials reference into credentials: <c>repocreds</c> (or none) leaves git to the
/// machine's own configuration; <c>secret:&lt;namespace&gt;/&lt;name&gt;</c> reads a secret of the application's own
/// namespace holding <c>sshPrivateKey</c>, or <c>username</c> and <c>password</c>, as the reference's git secrets do.
/// </summary>
internal sealed class GitCredentialResolver(ISecretReader? secrets = null)
{
    private const string SecretPrefix = "secret:";

    /// <exception cref="ConfigurationException">The reference is malformed, names another namespace, or the secret is missing or incomplete.</exception>
    public async ValueTask<GitCredentials> ResolveAsync(ApplicationUpdatePolicy policy, CancellationToken cancellationToken)
    {
        var reference = policy.WriteBack.GitCredentials;
        if (reference is null or WriteBackPolicy.RepositoryCredentials)
        {
            return GitCredentials.None;
        }

        var location = policy.Application.Location with { Key = "write-back-method" };
        var parts = reference.StartsWith(SecretPrefix, StringComparison.Ordinal) ? reference[SecretPrefix.Length..].Split('/') : [];
        if (parts is not [{ Length: > 0 } ns, { Length: > 0 } name])
        {
            throw new ConfigurationException($"Invalid git credentials '{reference}': expected 'repocreds' or 'secret:<namespace>/<secret>'.", location);
        }

        // Whoever may edit an Application must not reach the secrets of other namespaces through it.
        if (ns != policy.Application.Namespace)
        {
            throw new ConfigurationException(
                $"Git credentials secret {ns}/{name} is not in the application's namespace '{policy.Application.Namespace}': only secrets of the application's own namespace may be used.",
                location);
        }

        if (secrets is null)
        {
            throw new ConfigurationException($"Git credentials secret {ns}/{name} cannot be read: no secret reader is registered.", location);
        }

        var data = await secrets.ReadSecretAsync(ns, name, cancellationToken).ConfigureAwait(false)
            ?? throw new ConfigurationException($"Git credentials secret {ns}/{name} does not exist.", location);
        if (Field(data, "sshPrivateKey") is { } key)
        {
            return GitCredentials.Ssh(key);
        }

        if (Field(data, "username") is { } username && Field(data, "password") is { } password)
        {
            return GitCredentials.Https(username, password);
        }

        throw new ConfigurationException($"Git credentials secret {ns}/{name} has neither 'sshPrivateKey' nor both 'username' and 'password'.", location);
    }

    private static string? Field(IReadOnlyDictionary<string, byte[]> data, string key) =>
        data.TryGetValue(key, out var value) && value.Length > 0 ? Encoding.UTF8.GetString(value) : null;
}
