namespace ImageUpdater.Applications;

/// <summary>The kind of tool that renders an application source, as Argo CD reports it.</summary>
public enum ApplicationSourceType
{
    /// <summary>Not known or not one ImageUpdater can write to (plain directory, unreported).</summary>
    Unsupported,

    /// <summary>A Helm chart.</summary>
    Helm,

    /// <summary>A Kustomize directory.</summary>
    Kustomize,

    /// <summary>A config management plugin.</summary>
    Plugin,
}
