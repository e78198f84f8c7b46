using ImageUpdater.Cli.Logging;
using ImageUpdater.Credentials;
using ImageUpdater.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Cli.Commands;

/// <summary>
/// The services of the commands, composed as an embedding program would: <see cref="AddResolution"/> is the part
/// <c>test</c> and <c>run</c> share (strategies, registry client with <c>registries.conf</c>, credentials),
/// <see cref="Build"/> adds what <c>run</c> needs in file mode.
/// </summary>
internal static class RunServices
{
    public static ServiceProvider Build(RunRequest request, TextWriter log)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddCliLogging(log));
        AddResolution(services, new ResolutionSettings { RegistriesConfPath = request.RegistriesConfPath, SecretsDirectory = request.SecretsDirectory })
            .AddAnnotationPolicies()
            .AddFileApplications(request.AppsDirectory)
            .AddRepositoryLiveImages()
            .AddGitWriteBack(options =>
            {
                options.AuthorName = request.CommitUser ?? options.AuthorName;
                options.AuthorEmail = request.CommitEmail ?? options.AuthorEmail;
                options.CommitMessageTemplatePath = request.CommitMessagePath;
            })
            .AddArgoCdWriteBack()
            .AddFileApplicationStore(options => options.Directory = request.AppsDirectory);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    /// <summary>
    /// Registers image resolution (<c>IImageResolver</c> with its strategies, registry client and credentials) with
    /// the command line's settings: the one registration <c>test</c> and <c>run</c> share.
    /// </summary>
    public static IImageUpdaterBuilder AddResolution(IServiceCollection services, ResolutionSettings settings)
    {
        if (settings.SecretsDirectory is null)
        {
            services.AddSingleton<ISecretReader, NoSecretsDirectoryReader>();
        }

        return services.AddImageUpdater()
            .AddTagStrategies()
            .AddRegistryClient(configureRegistries: registries =>
            {
                registries.ConfigurationPath = settings.RegistriesConfPath;
                registries.RequestsPerSecond = settings.RequestsPerSecond;
            })
            .AddRegistryCredentials(options => options.SecretsDirectory = settings.SecretsDirectory);
    }

    /// <summary>Runs every options validator now, so bad input is reported as such before any work.</summary>
    public static void ValidateOptions(IServiceProvider services)
    {
        foreach (var validator in services.GetServices<IStartupValidator>())
        {
            validator.Validate();
        }
    }
}
