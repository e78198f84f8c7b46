namespace ImageUpdater.WriteBack.ArgoCD;

/// <summary>How the <c>argocd</c> write-back updates Applications. Validated at start.</summary>
public sealed class ArgoCdWriteBackOptions
{
    /// <summary>
    /// Gets or sets how many times an application is read and updated in a row when each update meets a conflict
    /// (the Application changed since it was read); then the write-back for that application fails.
    /// </summary>
    /// <value>The default value is 5.</value>
    public int MaxAttempts { get; set; } = 5;
}
