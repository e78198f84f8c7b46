namespace ImageUpdater.Kubernetes;

/// <summary>How the status of ImageUpdater resources is written.</summary>
public sealed class ImageUpdaterStatusOptions
{
    /// <summary>
    /// Gets or sets how old <c>status.lastCheckedAt</c> may grow before a cycle that changed nothing else writes it
    /// again; the status is written at once whenever anything else in it changes.
    /// </summary>
    /// <value>The default value is 10 minutes.</value>
    public TimeSpan CheckedAtRefresh { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets how many entries <c>status.recentUpdates</c> keeps, newest first.</summary>
    /// <value>The default value is 10.</value>
    public int RecentUpdates { get; set; } = 10;
}
