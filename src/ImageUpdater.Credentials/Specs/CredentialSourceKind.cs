namespace ImageUpdater.Credentials;

/// <summary>Where a credential spec reads its credential from.</summary>
public enum CredentialSourceKind
{
    /// <summary><c>pullsecret:ns/name</c>: the <c>.dockerconfigjson</c> of an image pull secret.</summary>
    PullSecret,

    /// <summary><c>secret:ns/name#field</c>: a secret field holding <c>user:pass</c>.</summary>
    Secret,

    /// <summary><c>env:VAR</c>: an environment variable holding <c>user:pass</c>.</summary>
    Environment,

    /// <summary><c>ext:/path</c>: an executable printing <c>user:pass</c> as its last line.</summary>
    ExternalScript,

    /// <summary><c>dockerconfig:/path</c>: a Docker <c>config.json</c> file's <c>auths</c>.</summary>
    DockerConfig,
}
