using ImageUpdater;
using ImageUpdater.Credentials;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the registry credential resolver.</summary>
public static class RegistryCredentialsBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="IRegistryCredentialResolver"/> (cached, single-flight) and, unless one is registered, an
    /// <see cref="ISecretReader"/> reading <see cref="RegistryCredentialOptions.SecretsDirectory"/>. Safe to call twice.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder.</returns>
    public static IImageUpdaterBuilder AddRegistryCredentials(this IImageUpdaterBuilder builder, Action<RegistryCredentialOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddImageUpdater();
        var options = services.AddOptions<RegistryCredentialOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RegistryCredentialOptions>, RegistryCredentialOptionsValidator>());
        services.TryAddSingleton<ISecretReader>(sp =>
            sp.GetRequiredService<IOptions<RegistryCredentialOptions>>().Value.SecretsDirectory is { Length: > 0 } directory
                ? new SecretFileReader(directory)
                : UnconfiguredSecretReader.Instance);
        services.TryAddSingleton(sp => new RegistryCredentialResolver(
            sp.GetRequiredService<IOptions<RegistryCredentialOptions>>(),
            sp.GetRequiredService<ISecretReader>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<RegistryCredentialResolver>() ?? NullLogger<RegistryCredentialResolver>.Instance));
        services.TryAddSingleton<IRegistryCredentialResolver>(sp => sp.GetRequiredService<RegistryCredentialResolver>());
        return builder;
    }
}
