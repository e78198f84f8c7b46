using ImageUpdater.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Cli.Commands;

/// <summary>
/// <c>image-updater run</c> without <c>--apps</c>: Applications and ImageUpdater resources from the cluster, the
/// <c>argocd</c> write-back through the API, and, with <c>--leader-election</c>, only while this replica holds the Lease.
/// Runs one cycle; the interval loop comes from the hosting package.
/// </summary>
internal static class ClusterRun
{
    public static async Task<int> RunAsync(RunRequest request, ClusterRequest cluster, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var services = Build(request, cluster, error);
        await using var disposeServices = services.ConfigureAwait(false);
        UpdateEngine engine;
        IUpdateLeadership leadership;
        try
        {
            RunServices.ValidateOptions(services);
            engine = services.GetRequiredService<UpdateEngine>();
            leadership = services.GetRequiredService<IUpdateLeadership>();
        }
        catch (Exception invalid) when (invalid is OptionsValidationException or AggregateException { InnerException: OptionsValidationException })
        {
            var first = invalid as OptionsValidationException ?? (OptionsValidationException)invalid.InnerException!;
            throw new CommandLineException(first.Failures.First(), ExitCodes.InvalidInput);
        }

        CycleResult result;
        try
        {
            var leading = await leadership.AcquireAsync(cancellationToken).ConfigureAwait(false);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, leading);
            result = await engine.RunCycleAsync(request.Cycle, linked.Token).ConfigureAwait(false);
            await services.GetRequiredService<Kubernetes.ImageUpdaterStatusWriter>().WriteAsync(result, linked.Token).ConfigureAwait(false);
        }
        catch (ConfigurationException ex)
        {
            throw new CommandLineException(ex.Message, ExitCodes.InvalidInput);
        }

        await output.WriteLineAsync(request.Json ? CycleResultWriter.ToJson(result) : CycleResultWriter.ToText(result)).ConfigureAwait(false);
        return result.Succeeded ? ExitCodes.Success : ExitCodes.RuntimeFailure;
    }

    private static ServiceProvider Build(RunRequest request, ClusterRequest cluster, TextWriter log)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .SetMinimumLevel(request.LogLevel)
            .AddProvider(new LineLoggerProvider(log)));
        var builder = services.AddImageUpdater()
            .AddTagStrategies()
            .AddRegistryClient(configureRegistries: registries => registries.ConfigurationPath = request.RegistriesConfPath)
            .AddRegistryCredentials()
            .AddAnnotationPolicies()
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
            .AddGitWriteBack(options =>
            {
                options.AuthorName = request.CommitUser ?? options.AuthorName;
                options.AuthorEmail = request.CommitEmail ?? options.AuthorEmail;
                options.CommitMessageTemplatePath = request.CommitMessagePath;
            })
            .AddArgoCdWriteBack()
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

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
