namespace ImageUpdater.Credentials;

/// <summary>
/// <c>pullsecret:ns/name</c>: reads the <c>auths</c> entry matching the registry's API URL (with or without scheme) from
/// an image pull secret's <c>.dockerconfigjson</c>.
/// </summary>
public sealed class PullSecretCredentialSource : RegistryCredentialSource
{
    private const string Field = ".dockerconfigjson";
    private readonly ISecretReader _reader;

    /// <summary>Creates the source.</summary>
    /// <param name="reader">Reads secrets.</param>
    /// <param name="namespace">The secret's namespace.</param>
    /// <param name="name">The secret's name.</param>
    /// <param name="allowedNamespace">The only namespace the secret may be read from (the application's); empty for any.</param>
    public PullSecretCredentialSource(ISecretReader reader, string @namespace, string name, string allowedNamespace = "")
    {
        ArgumentNullException.ThrowIfNull(allowedNamespace);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(name);
        _reader = reader;
        Namespace = @namespace;
        Name = name;
        AllowedNamespace = allowedNamespace;
    }

    /// <summary>Gets the secret's namespace.</summary>
    public string Namespace { get; }

    /// <summary>Gets the secret's name.</summary>
    public string Name { get; }

    /// <summary>Gets the only namespace the secret may be read from; empty for any.</summary>
    public string AllowedNamespace { get; }

    /// <inheritdoc />
    public override async ValueTask<RegistryCredential> GetCredentialAsync(string registryApiUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registryApiUrl);
        var json = await SecretField.ReadAsync(_reader, Namespace, Name, Field, AllowedNamespace, cancellationToken).ConfigureAwait(false);
        return DockerConfigAuths.Find(json, registryApiUrl, $"image pull secret '{Namespace}/{Name}'");
    }

    /// <summary>Returns the spec form.</summary>
    /// <returns><c>pullsecret:ns/name</c>.</returns>
    public override string ToString() => $"pullsecret:{Namespace}/{Name}";
}
