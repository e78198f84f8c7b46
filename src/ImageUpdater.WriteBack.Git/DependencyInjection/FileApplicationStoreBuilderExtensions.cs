using ImageUpdater;
using ImageUpdater.Engine;
using ImageUpdater.WriteBack.Git.Applications;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the file-mode store of the <c>argocd</c> write-back method.</summary>
public static class FileApplicationStoreBuilderExtensions
{
    /// <summary>
    /// Adds the <see cref="IApplicationStore"/> of file mode: each Application's own YAML file, edited in place and
    /// committed when it lives in a git work tree (author and timeouts from <see cref="ImageUpdater.WriteBack.Git.GitWriteBackOptions"/>).
    /// It reads files back through the registered <see cref="IUpdatePolicyProvider"/>. Safe to call more than once.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the <see cref="FileApplicationStoreOptions"/>; validated when the host starts.</param>
    /// <returns>The builder.</returns>
    public static IImageUpdaterBuilder AddFileApplicationStore(this IImageUpdaterBuilder builder, Action<FileApplicationStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddGitWriteBack();
        var options = builder.Services.AddOptions<FileApplicationStoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(static o => !string.IsNullOrWhiteSpace(o.Directory) && Directory.Exists(o.Directory), "FileApplicationStoreOptions.Directory must name an existing folder.").ValidateOnStart();
        builder.Services.TryAddSingleton<IApplicationStore, FileApplicationStore>();
        return builder;
    }
}
