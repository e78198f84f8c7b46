using Microsoft.Extensions.Logging;

namespace ImageUpdater.Credentials;

/// <summary>Builds the source a spec names.</summary>
internal sealed class CredentialSourceFactory(ISecretReader secretReader, RegistryCredentialOptions options, TimeProvider timeProvider, ILogger logger)
{
    public RegistryCredentialSource Create(CredentialSpec spec, string allowedNamespace = "") => spec.Kind switch
    {
        CredentialSourceKind.Environment => new EnvironmentCredentialSource(spec.EnvironmentVariable),
        CredentialSourceKind.Secret => new SecretCredentialSource(secretReader, spec.SecretNamespace, spec.SecretName, spec.SecretField, allowedNamespace),
        CredentialSourceKind.PullSecret => new PullSecretCredentialSource(secretReader, spec.SecretNamespace, spec.SecretName, allowedNamespace),
        CredentialSourceKind.ExternalScript => new ExternalScriptCredentialSource(spec.Path, options, timeProvider, logger),
        CredentialSourceKind.DockerConfig => new DockerConfigCredentialSource(spec.Path),
        _ => throw new CredentialException("unknown credential type"),
    };

    /// <summary>
    /// The request's spec, restricted to the application's namespace, then the fallbacks (the operator's, so not
    /// restricted), as one source.
    /// </summary>
    public RegistryCredentialSource CreateWithFallbacks(string spec, string allowedNamespace)
    {
        var primary = Create(CredentialSpec.Parse(spec), allowedNamespace);
        if (options.FallbackSpecs.Count == 0)
        {
            return primary;
        }

        return new ChainedCredentialSource([primary, .. options.FallbackSpecs.Select(fallback => Create(CredentialSpec.Parse(fallback)))]);
    }
}
