namespace ImageUpdater.Kubernetes;

/// <summary>How ImageUpdater reaches the Kubernetes API server.</summary>
public sealed class KubernetesConnectionOptions
{
    /// <summary>
    /// Gets or sets the kubeconfig file to use. When empty, the in-cluster configuration (the pod's service account) is
    /// used when running in a pod, and <c>~/.kube/config</c> otherwise.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? KubeconfigPath { get; set; }

    /// <summary>Gets or sets the kubeconfig context to use; empty for the file's current context.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Context { get; set; }

    /// <summary>
    /// Gets or sets the namespace Argo CD runs in (the reference's <c>--argocd-namespace</c>): where Applications are
    /// read when no other namespace is watched, where Events of the leader election Lease live by default. When empty,
    /// the namespace of the kubeconfig context or of the pod is used, else <c>argocd</c>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? ArgoCdNamespace { get; set; }

    /// <summary>Gets or sets how long one API request may take.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the largest answer read from the API server, in bytes; a larger one fails that request (a list
    /// then reports an error for its namespace, the others are still read).
    /// </summary>
    /// <value>The default value is 32 MiB, far above a page of Applications.</value>
    public long MaxResponseBytes { get; set; } = 32L * 1024 * 1024;
}
