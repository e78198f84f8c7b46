namespace ImageUpdater.Kubernetes;

/// <summary>The coordination.k8s.io <c>Lease</c> that replicas compete for.</summary>
public sealed class LeaseLeadershipOptions
{
    /// <summary>Gets or sets the Lease's name.</summary>
    /// <value>The default value is <c>argocd-image-updater-leader</c>.</value>
    public string LeaseName { get; set; } = "argocd-image-updater-leader";

    /// <summary>Gets or sets the Lease's namespace; empty for the Argo CD namespace.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? LeaseNamespace { get; set; }

    /// <summary>Gets or sets this replica's identity in the Lease; empty for the host name (the pod name) and a random suffix.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Identity { get; set; }

    /// <summary>Gets or sets how long a Lease holds without renewal before another replica may take it.</summary>
    /// <value>The default value is 15 seconds.</value>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Gets or sets how long the leader keeps trying to renew before it gives leadership up.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how often the Lease is tried (by candidates) and renewed (by the leader).</summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);
}
