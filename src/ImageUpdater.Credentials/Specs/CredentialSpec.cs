namespace ImageUpdater.Credentials;

/// <summary>
/// A parsed credential spec, as the reference writes it: <c>[registry=]pullsecret:ns/name</c>,
/// <c>secret:ns/name#field</c>, <c>env:VAR</c>, <c>ext:/path</c>, plus <c>dockerconfig:/path</c>. Holds no secret.
/// </summary>
public sealed record CredentialSpec
{
    private const string PullSecretField = ".dockerconfigjson";

    /// <summary>Gets the kind of source.</summary>
    public required CredentialSourceKind Kind { get; init; }

    /// <summary>Gets the registry written before <c>=</c>, or empty. Informational, as in the reference.</summary>
    public string Registry { get; init; } = string.Empty;

    /// <summary>Gets the secret's namespace (<c>pullsecret</c>, <c>secret</c>).</summary>
    public string SecretNamespace { get; init; } = string.Empty;

    /// <summary>Gets the secret's name (<c>pullsecret</c>, <c>secret</c>).</summary>
    public string SecretName { get; init; } = string.Empty;

    /// <summary>Gets the secret's field: the one after <c>#</c>, or <c>.dockerconfigjson</c> for a pull secret.</summary>
    public string SecretField { get; init; } = string.Empty;

    /// <summary>Gets the environment variable's name (<c>env</c>).</summary>
    public string EnvironmentVariable { get; init; } = string.Empty;

    /// <summary>Gets the file path (<c>ext</c>, <c>dockerconfig</c>).</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>Parses a spec with the reference's rules and error texts.</summary>
    /// <param name="spec">The spec, such as <c>pullsecret:argocd/regcred</c>.</param>
    /// <param name="requireRegistry">Whether the <c>registry=</c> part is required.</param>
    /// <returns>The parsed spec.</returns>
    /// <exception cref="CredentialException">The spec is invalid.</exception>
    public static CredentialSpec Parse(string spec, bool requireRegistry = false)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var registry = string.Empty;
        var definition = spec;
        var equals = spec.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0 && equals < spec.Length - 1)
        {
            registry = spec[..equals];
            definition = spec[(equals + 1)..];
        }
        else if (requireRegistry)
        {
            throw Invalid(spec);
        }

        var parts = definition.Split(':');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw Invalid(spec);
        }

        var value = parts[1];
        return parts[0].ToLowerInvariant() switch
        {
            "secret" => ParseSecret(value, registry),
            "pullsecret" => ParsePullSecret(value, registry),
            "env" => new CredentialSpec { Kind = CredentialSourceKind.Environment, Registry = registry, EnvironmentVariable = value },
            "ext" => new CredentialSpec { Kind = CredentialSourceKind.ExternalScript, Registry = registry, Path = value },
            "dockerconfig" => new CredentialSpec { Kind = CredentialSourceKind.DockerConfig, Registry = registry, Path = value },
            _ => throw new CredentialException("unknown credential source: " + parts[0]),
        };
    }

    /// <summary>Renders the spec as it is written.</summary>
    /// <returns>The spec text.</returns>
    public override string ToString()
    {
        var registry = Registry.Length == 0 ? string.Empty : Registry + "=";
        return registry + Kind switch
        {
            CredentialSourceKind.PullSecret => $"pullsecret:{SecretNamespace}/{SecretName}",
            CredentialSourceKind.Secret => $"secret:{SecretNamespace}/{SecretName}#{SecretField}",
            CredentialSourceKind.Environment => "env:" + EnvironmentVariable,
            CredentialSourceKind.ExternalScript => "ext:" + Path,
            _ => "dockerconfig:" + Path,
        };
    }

    private static CredentialSpec ParseSecret(string definition, string registry)
    {
        var hash = definition.Split('#');
        if (hash.Length != 2 || hash[0].Length == 0 || hash[1].Length == 0)
        {
            throw InvalidSecret(definition);
        }

        var (ns, name) = NamespaceAndName(hash[0], definition);
        return new CredentialSpec
        {
            Kind = CredentialSourceKind.Secret,
            Registry = registry,
            SecretNamespace = ns,
            SecretName = name,
            SecretField = hash[1],
        };
    }

    private static CredentialSpec ParsePullSecret(string definition, string registry)
    {
        var (ns, name) = NamespaceAndName(definition, definition);
        return new CredentialSpec
        {
            Kind = CredentialSourceKind.PullSecret,
            Registry = registry,
            SecretNamespace = ns,
            SecretName = name,
            SecretField = PullSecretField,
        };
    }

    private static (string Namespace, string Name) NamespaceAndName(string text, string definition)
    {
        var parts = text.Split('/');
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0
            ? (parts[0], parts[1])
            : throw InvalidSecret(definition);
    }

    private static CredentialException Invalid(string spec) => new("invalid credential spec: " + spec);

    private static CredentialException InvalidSecret(string definition) => new("invalid secret definition: " + definition);
}
