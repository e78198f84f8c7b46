using ImageUpdater;
using ImageUpdater.Engine;
using ImageUpdater.WriteBack.Git;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the git write-back.</summary>
public static class GitWriteBackBuilderExtensions
{
    /// <summary>
    /// Adds the git write-back method: the <see cref="IWriteBackHandler"/> for <c>git</c> and its work folders per
    /// repository and branch, driven through the <c>git</c> command line. Safe to call more than once.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the <see cref="GitWriteBackOptions"/>; validated when the host starts.</param>
    /// <returns>The builder.</returns>
    public static IImageUpdaterBuilder AddGitWriteBack(this IImageUpdaterBuilder builder, Action<GitWriteBackOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddImageUpdater();
        services.AddLogging();
        var options = services.AddOptions<GitWriteBackOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GitWriteBackOptions>, GitWriteBackOptionsValidator>());
        services.TryAddSingleton<IGitRunner>(static sp => new ProcessGitRunner(sp.GetRequiredService<IOptions<GitWriteBackOptions>>().Value.GitExecutable));
        services.TryAddSingleton<GitWorkspaces>();
        services.TryAddSingleton<GitCredentialResolver>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWriteBackHandler, GitWriteBackHandler>());
        return builder;
    }

    /// <summary>
    /// Replaces the live image reader with the file-mode one: <c>status.summary.images</c> when an Application has
    /// it, else what its write-back target in the repository holds (or, for the argocd method, its own spec), so a
    /// repository alone is enough to run updates. Adds the git write-back too. Safe to call more than once.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IImageUpdaterBuilder AddRepositoryLiveImages(this IImageUpdaterBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddGitWriteBack();
        builder.Services.Replace(ServiceDescriptor.Singleton<ILiveImageReader, RepositoryLiveImageReader>());
        return builder;
    }
}
