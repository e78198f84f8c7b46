using ImageUpdater.Cli.Logging;
using ImageUpdater.Credentials;
using ImageUpdater.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Cli.Commands;

/// <summary>
/// The services of the commands, composed as an embedding program would: <see cref="AddResolution"/> is the part
/// <c>test</c> and <c>run</c> share (strategies, registry client with <c>registries.conf</c>, credentials);
/// <see cref="Configure"/> adds what <c>run</c> needs, in file mode (<c>--apps</c>) or against a cluster.
/// </summary>
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
        services.AddLogging(logging => logging.AddCliLogging(log));
        var builder = AddResolution(services, new ResolutionSettings { RegistriesConfPath = request.RegistriesConfPath, SecretsDirectory = request.SecretsDirectory })
            .AddAnnotationPolicies()
            .AddGitWriteBack(options =>
            {
                options.AuthorName = request.CommitUser ?? options.AuthorName;
                options.AuthorEmail = request.CommitEmail ?? options.AuthorEmail;
                options.CommitMessageTemplatePath = request.CommitMessagePath;
            })
            .AddArgoCdWriteBack();
        return request.Cluster is { } cluster
            ? AddCluster(builder, cluster)
            : builder
                .AddFileApplications(request.AppsDirectory)
                .AddRepositoryLiveImages()
                .AddFileApplicationStore(options => options.Directory = request.AppsDirectory);
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

    // The cluster: Applications and ImageUpdater resources from the API server, Secrets for pullsecret:/secret:,
    // the argocd method through the API with Events, ImageUpdater status after each cycle, and the Lease.
    private static IImageUpdaterBuilder AddCluster(IImageUpdaterBuilder builder, ClusterRequest cluster)
    {
        builder
            .AddKubernetes(options =>
            {
                options.KubeconfigPath = cluster.KubeconfigPath;
                options.ArgoCdNamespace = cluster.ArgoCdNamespace;
            })
            .AddKubernetesApplications(options =>
            {
                foreach (var ns in cluster.WatchNamespaces)
                {
                    options.WatchNamespaces.Add(ns);
                }

                options.ApplicationLabelSelector = cluster.ApplicationLabelSelector;
            })
            .AddKubernetesApplicationStore(options => options.RecordEvents = cluster.RecordEvents);
        if (cluster.LeaderElection)
        {
            builder.AddKubernetesLeaderElection(options =>
            {
                options.LeaseName = cluster.LeaseName;
                options.LeaseNamespace = cluster.LeaseNamespace;
                options.Identity = Environment.GetEnvironmentVariable("POD_NAME");
                options.LeaseDuration = cluster.LeaseDuration;
                options.RenewDeadline = cluster.RenewDeadline;
                options.RetryPeriod = cluster.RetryPeriod;
            });
        }

        return builder;
    }
}
