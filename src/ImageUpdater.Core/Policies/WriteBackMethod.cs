namespace ImageUpdater.Policies;

/// <summary>How an application's new image versions are written back.</summary>
public enum WriteBackMethod
{
    /// <summary>Update the Application resource through the Kubernetes API (<c>argocd</c>, the default).</summary>
    ArgoCd,

    /// <summary>Commit to the application's Git repository (<c>git</c> or <c>git:&lt;credentials&gt;</c>).</summary>
    Git,
}
