namespace ImageUpdater.WriteBack.Git.Applications;

/// <summary>Where the file-mode application store finds the Application files it edits.</summary>
public sealed class FileApplicationStoreOptions
{
    /// <summary>
    /// Gets or sets the folder that Application locations are relative to: the folder the file application source
    /// reads. It must exist when the host starts.
    /// </summary>
    /// <value>The default value is empty, which fails validation.</value>
    public string Directory { get; set; } = string.Empty;
}
