using ImageUpdater;
using ImageUpdater.Credentials;
using ImageUpdater.Engine;
using ImageUpdater.Kubernetes;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Kubernetes provider: cluster source, Secret reader, Application store and leader election.</summary>
public static class KubernetesBuilderExtensions
{
    /// <summary>
    /// Connects to the Kubernetes API (an explicit kubeconfig, else the in-cluster configuration, else
    /// <c>~/.kube/config</c>). Called by every other extension here; call it yourself to set the connection. Safe to
    /// call more than once: each <paramref name="configure"/> is applied in order.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the <see cref="KubernetesConnectionOptions"/>.</param>
    /// <returns>The builder.</returns>
    public static IImageUpdaterBuilder AddKubernetes(this IImageUpdaterBuilder builder, Action<KubernetesConnectionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddImageUpdater();
        var options = services.AddOptions<KubernetesConnectionOptions>()
            .Validate(static o => o.RequestTimeout > TimeSpan.Zero, "KubernetesConnectionOptions.RequestTimeout must be positive.")
            .Validate(static o => o.MaxResponseBytes >= 1024, "KubernetesConnectionOptions.MaxResponseBytes must be at least 1024.")
            .Validate(static o => string.IsNullOrEmpty(o.KubeconfigPath) || File.Exists(o.KubeconfigPath), "The kubeconfig file (--kubeconfig) does not exist.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<KubernetesCluster>();
        services.TryAddSingleton<CycleGeneration>();
        return builder;
    }

    /// <summary>
    /// Reads Applications and ImageUpdater resources from the cluster, once per cycle, and adds the Secret reader
    /// (<see cref="AddKubernetesSecrets"/>). Add the policy readers (<c>AddAnnotationPolicies</c>) to map them.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the namespaces and label selectors.</param>
    /// <returns>The builder.</returns>
    public static IImageUpdaterBuilder AddKubernetesApplications(this IImageUpdaterBuilder builder, Action<KubernetesApplicationSourceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddKubernetes();
        var options = builder.Services.AddOptions<KubernetesApplicationSourceOptions>()
            .Validate(static o => o.PageSize is >= 1 and <= 10_000, "KubernetesApplicationSourceOptions.PageSize must be between 1 and 10000.")
            .Validate(static o => o.MaxObjects >= 1, "KubernetesApplicationSourceOptions.MaxObjects must be positive.")
            .Validate(static o => o.WatchNamespaces.All(static n => n == KubernetesApplicationSourceOptions.AllNamespaces || IsNamespaceName(n)), "--watch-namespaces: each entry must be a namespace name (lower-case letters, digits, '-') or '*'.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddSingleton<KubernetesApplicationSource>();
        builder.Services.TryAddSingleton<IApplicationSource>(static sp => sp.GetRequiredService<KubernetesApplicationSource>());
        builder.Services.AddOptions<ImageUpdaterStatusOptions>();
        builder.Services.TryAddSingleton(static sp => new ImageUpdaterStatusWriter(
            sp.GetRequiredService<KubernetesCluster>(),
            sp.GetRequiredService<KubernetesApplicationSource>(),
            sp.GetRequiredService<IUpdatePolicyProvider>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<ImageUpdaterStatusOptions>>(),
            sp.GetService<ILogger<ImageUpdaterStatusWriter>>()));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ICycleObserver, ImageUpdaterStatusWriter>(static sp => sp.GetRequiredService<ImageUpdaterStatusWriter>()));
        return builder.AddKubernetesSecrets();
    }

    /// <summary>
    /// Reads <c>pullsecret:</c>, <c>secret:</c> and Git credential Secrets from the API server, once per cycle each,
    /// only from the watched namespaces and the Argo CD namespace. Replaces any other <see cref="ISecretReader"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IImageUpdaterBuilder AddKubernetesSecrets(this IImageUpdaterBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddKubernetes();
        builder.Services.AddOptions<KubernetesApplicationSourceOptions>();
        builder.Services.Replace(ServiceDescriptor.Singleton<ISecretReader, KubernetesSecretReader>());
        return builder;
    }

    /// <summary>
    /// Adds the <see cref="IApplicationStore"/> of the <c>argocd</c> write-back in a cluster: Applications are updated
    /// through the API with optimistic concurrency, and each update records an <c>ImagesUpdated</c> Event.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the <see cref="KubernetesApplicationStoreOptions"/>.</param>
    /// <returns>The builder.</returns>
    public static IImageUpdaterBuilder AddKubernetesApplicationStore(this IImageUpdaterBuilder builder, Action<KubernetesApplicationStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddKubernetes();
        var options = builder.Services.AddOptions<KubernetesApplicationStoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddSingleton<ApplicationEventRecorder>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IApplicationStore, KubernetesApplicationStore>());
        return builder;
    }

    /// <summary>
    /// Runs cycles only while this replica holds a coordination.k8s.io <c>Lease</c>, replacing the default
    /// <see cref="SoleLeadership"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the Lease's name, namespace, identity and durations.</param>
    /// <returns>The builder.</returns>
    public static IImageUpdaterBuilder AddKubernetesLeaderElection(this IImageUpdaterBuilder builder, Action<LeaseLeadershipOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddKubernetes();
        var options = builder.Services.AddOptions<LeaseLeadershipOptions>()
            .Validate(static o => !string.IsNullOrWhiteSpace(o.LeaseName), "LeaseLeadershipOptions.LeaseName is required.")
            .Validate(static o => o.RetryPeriod > TimeSpan.Zero && o.RenewDeadline > o.RetryPeriod && o.LeaseDuration > o.RenewDeadline, "Leader election durations must satisfy 0 < retry period < renew deadline < lease duration.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddSingleton(static sp => new LeaseLeadership(
            sp.GetRequiredService<KubernetesCluster>(),
            sp.GetRequiredService<IOptions<LeaseLeadershipOptions>>(),
            sp.GetService<ILogger<LeaseLeadership>>()));
        builder.Services.Replace(ServiceDescriptor.Singleton<IUpdateLeadership>(static sp => sp.GetRequiredService<LeaseLeadership>()));
        return builder;
    }

    private static bool IsNamespaceName(string name) =>
        name.Length is > 0 and <= 63 && name.All(static c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && name[0] != '-' && name[^1] != '-';
}
