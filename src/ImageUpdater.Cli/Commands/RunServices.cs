using ImageUpdater.Credentials;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Cli.Commands;

/// <summary>The services of <c>run</c> in file mode: the same composition an embedding program writes.</summary>
internal static class RunServices
{
    public static ServiceProvider Build(RunRequest request, TextWriter log)
    {
        var services = new ServiceCollection();
        Configure(services, request, log);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    /// <summary>Adds the services of <c>run</c> to a collection: a container of its own (<c>--once</c>) or a host's.</summary>
    public static IImageUpdaterBuilder Configure(IServiceCollection services, RunRequest request, TextWriter log)
    {
        services.AddLogging(logging => logging
            .SetMinimumLevel(request.LogLevel)
            .AddProvider(new LineLoggerProvider(log)));
        if (request.SecretsDirectory is null)
        {
            services.AddSingleton<ISecretReader, NoSecretsDirectoryReader>();
        }

        return services.AddImageUpdater()
            .AddTagStrategies()
            .AddRegistryClient(configureRegistries: registries => registries.ConfigurationPath = request.RegistriesConfPath)
            .AddRegistryCredentials(options => options.SecretsDirectory = request.SecretsDirectory)
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
