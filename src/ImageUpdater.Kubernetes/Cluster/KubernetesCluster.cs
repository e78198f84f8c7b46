using k8s;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Kubernetes;

/// <summary>
/// The one API client of the process and the namespace Argo CD runs in, built on first use from
/// <see cref="KubernetesConnectionOptions"/>: an explicit kubeconfig, else the in-cluster configuration, else
/// <c>~/.kube/config</c>.
/// </summary>
internal sealed class KubernetesCluster : IDisposable
{
    private const string FallbackNamespace = "argocd";
    private readonly Lazy<(IKubernetes Client, string Namespace)> _connection;

    public KubernetesCluster(IOptions<KubernetesConnectionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connection = new Lazy<(IKubernetes, string)>(() => Connect(options.Value), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IKubernetes Client => _connection.Value.Client;

    /// <summary>Gets the namespace Argo CD runs in.</summary>
    public string ArgoCdNamespace => _connection.Value.Namespace;

    public void Dispose()
    {
        if (_connection.IsValueCreated)
        {
            _connection.Value.Client.Dispose();
        }
    }

    private static (IKubernetes, string) Connect(KubernetesConnectionOptions options)
    {
        var config = Configuration(options);
        config.HttpClientTimeout = options.RequestTimeout;
        var ns = !string.IsNullOrEmpty(options.ArgoCdNamespace) ? options.ArgoCdNamespace
            : !string.IsNullOrEmpty(config.Namespace) ? config.Namespace
            : FallbackNamespace;
        return (new k8s.Kubernetes(config, new ResponseSizeLimitHandler(options.MaxResponseBytes)), ns);
    }

    private static KubernetesClientConfiguration Configuration(KubernetesConnectionOptions options)
    {
        try
        {
            if (!string.IsNullOrEmpty(options.KubeconfigPath))
            {
                if (!File.Exists(options.KubeconfigPath))
                {
                    throw new ConfigurationException("The kubeconfig file does not exist.", new ConfigurationLocation(options.KubeconfigPath));
                }

                return KubernetesClientConfiguration.BuildConfigFromConfigFile(options.KubeconfigPath, options.Context);
            }

            if (KubernetesClientConfiguration.IsInCluster())
            {
                return KubernetesClientConfiguration.InClusterConfig();
            }

            var home = KubernetesClientConfiguration.KubeConfigDefaultLocation;
            if (!File.Exists(home))
            {
                throw new ConfigurationException(
                    "No Kubernetes configuration: not running in a pod, no --kubeconfig given, and no kubeconfig file here.",
                    new ConfigurationLocation(home));
            }

            return KubernetesClientConfiguration.BuildConfigFromConfigFile(home, options.Context);
        }
        catch (k8s.Exceptions.KubeConfigException ex)
        {
            // The library's messages name the file and the missing entry, never a token or key.
            throw new ConfigurationException("The Kubernetes configuration cannot be used: " + ex.Message, new ConfigurationLocation(options.KubeconfigPath ?? string.Empty), ex);
        }
    }
}
