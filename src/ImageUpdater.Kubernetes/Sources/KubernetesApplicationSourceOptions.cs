namespace ImageUpdater.Kubernetes;

/// <summary>Which Applications and ImageUpdater resources the cluster source reads.</summary>
public sealed class KubernetesApplicationSourceOptions
{
    /// <summary>The value of <see cref="WatchNamespaces"/> that means every namespace.</summary>
    public const string AllNamespaces = "*";

    /// <summary>
    /// Gets the namespaces to read Applications and ImageUpdater resources from (the reference's
    /// <c>--watch-namespaces</c>). Empty reads the Argo CD namespace only; <c>*</c> reads every namespace (one
    /// cluster-wide list per resource).
    /// </summary>
    /// <value>The default value is empty.</value>
    public IList<string> WatchNamespaces { get; } = [];

    /// <summary>
    /// Gets or sets a label selector (<c>key=value,other in (a,b)</c>) that Applications must match (the reference's
    /// <c>--match-application-label</c>); passed to the API server, so unmatched Applications are never sent.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (every Application).</value>
    public string? ApplicationLabelSelector { get; set; }

    /// <summary>Gets or sets a label selector that ImageUpdater resources must match; passed to the API server.</summary>
    /// <value>The default value is <see langword="null"/> (every ImageUpdater).</value>
    public string? ImageUpdaterLabelSelector { get; set; }

    /// <summary>Gets or sets how many objects one list request returns; larger lists are read page by page.</summary>
    /// <value>The default value is 500.</value>
    public int PageSize { get; set; } = 500;

    /// <summary>Gets or sets how many objects of one kind a cycle reads at most; more is an error for that list.</summary>
    /// <value>The default value is 20,000.</value>
    public int MaxObjects { get; set; } = 20_000;
}
