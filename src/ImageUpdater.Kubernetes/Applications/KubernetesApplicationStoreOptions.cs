namespace ImageUpdater.Kubernetes;

/// <summary>How the cluster application store updates Applications.</summary>
public sealed class KubernetesApplicationStoreOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether an <c>ImagesUpdated</c> Event is recorded on each updated Application
    /// (the reference's <c>--disable-kube-events</c> turns them off).
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RecordEvents { get; set; } = true;
}
