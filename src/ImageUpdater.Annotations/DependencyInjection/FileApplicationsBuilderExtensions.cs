using ImageUpdater;
using ImageUpdater.Annotations.Files;
using ImageUpdater.Engine;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the file application source (file mode).</summary>
public static class FileApplicationsBuilderExtensions
{
    /// <summary>
    /// Reads <c>Application</c> and <c>ImageUpdater</c> manifests from the <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c>
    /// files under <paramref name="directory"/>, and adds the policy readers. The folder is checked when the host starts.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="directory">The folder.</param>
    /// <returns>The builder.</returns>
    public static IImageUpdaterBuilder AddFileApplications(this IImageUpdaterBuilder builder, string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return builder.AddFileApplications(o => o.Directory = directory);
    }

    /// <summary>
    /// Reads <c>Application</c> and <c>ImageUpdater</c> manifests from the folder set in
    /// <see cref="FileApplicationSourceOptions"/>, and adds the policy readers. The folder is checked when the host
    /// starts. Safe to call more than once; the source is registered once.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static IImageUpdaterBuilder AddFileApplications(this IImageUpdaterBuilder builder, Action<FileApplicationSourceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddAnnotationPolicies();
        var services = builder.Services;
        services.AddOptions<FileApplicationSourceOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FileApplicationSourceOptions>, FileApplicationSourceOptionsValidator>());
        services.TryAddSingleton<IApplicationSource, FileApplicationSource>();
        return builder;
    }
}
