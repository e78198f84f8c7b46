namespace ImageUpdater.Credentials;

/// <summary>Settings of the credential resolver and its sources. Validated when the host starts.</summary>
public sealed class RegistryCredentialOptions
{
    /// <summary>
    /// Gets or sets a folder of Kubernetes Secret YAML files to read <c>secret:</c> and <c>pullsecret:</c> specs from,
    /// used when no other <see cref="ISecretReader"/> is registered.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: those specs are unavailable unless a reader is registered.</value>
    public string? SecretsDirectory { get; set; }

    /// <summary>Gets or sets how long an <c>ext:</c> script may run before it is stopped.</summary>
    /// <value>The default value is 10 seconds, as in the reference.</value>
    public TimeSpan ExternalScriptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the most output an <c>ext:</c> script may print before it is stopped.</summary>
    /// <value>The default value is 65,536 bytes.</value>
    public int ExternalScriptMaxOutputBytes { get; set; } = 64 * 1024;

    /// <summary>Gets the folders <c>ext:</c> scripts must live in; empty allows any absolute path, as the reference does.</summary>
    /// <value>The default value is an empty list.</value>
    public IList<string> AllowedScriptDirectories { get; } = [];

    /// <summary>
    /// Gets specs tried, in order, after a request's own spec reports that it has no credential (a missing variable,
    /// secret, file or entry), such as <c>dockerconfig:/root/.docker/config.json</c>.
    /// </summary>
    /// <value>The default value is an empty list.</value>
    public IList<string> FallbackSpecs { get; } = [];
}
