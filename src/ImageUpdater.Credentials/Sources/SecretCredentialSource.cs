using System.Text;

namespace ImageUpdater.Credentials;

/// <summary><c>secret:ns/name#field</c>: reads <c>user:pass</c> from a secret's field.</summary>
public sealed class SecretCredentialSource : RegistryCredentialSource
{
    private readonly ISecretReader _reader;

    /// <summary>Creates the source.</summary>
    /// <param name="reader">Reads secrets.</param>
    /// <param name="namespace">The secret's namespace.</param>
    /// <param name="name">The secret's name.</param>
    /// <param name="field">The field holding <c>user:pass</c>.</param>
    /// <param name="allowedNamespace">The only namespace the secret may be read from (the application's); empty for any.</param>
    public SecretCredentialSource(ISecretReader reader, string @namespace, string name, string field, string allowedNamespace = "")
    {
        ArgumentNullException.ThrowIfNull(allowedNamespace);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(field);
        _reader = reader;
        Namespace = @namespace;
        Name = name;
        Field = field;
        AllowedNamespace = allowedNamespace;
    }

    /// <summary>Gets the secret's namespace.</summary>
    public string Namespace { get; }

    /// <summary>Gets the secret's name.</summary>
    public string Name { get; }

    /// <summary>Gets the field.</summary>
    public string Field { get; }

    /// <summary>Gets the only namespace the secret may be read from; empty for any.</summary>
    public string AllowedNamespace { get; }

    /// <inheritdoc />
    public override async ValueTask<RegistryCredential> GetCredentialAsync(string registryApiUrl, CancellationToken cancellationToken = default)
    {
        var value = await SecretField.ReadAsync(_reader, Namespace, Name, Field, AllowedNamespace, cancellationToken).ConfigureAwait(false);
        return TrySplitUserPassword(Encoding.UTF8.GetString(value), out var credential, requireBoth: false)
            ? credential!
            : throw new CredentialException($"invalid credentials in secret '{Name}' from namespace '{Namespace}' (field '{Field}')");
    }

    /// <summary>Returns the spec form.</summary>
    /// <returns><c>secret:ns/name#field</c>.</returns>
    public override string ToString() => $"secret:{Namespace}/{Name}#{Field}";
}
