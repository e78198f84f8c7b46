namespace ImageUpdater.Annotations.Files;

/// <summary>Where the file application source reads <c>Application</c> and <c>ImageUpdater</c> manifests.</summary>
public sealed class FileApplicationSourceOptions
{
    /// <summary>
    /// Gets or sets the folder read, with its subfolders, for <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c> files. It
    /// must exist when the host starts.
    /// </summary>
    /// <value>The default value is empty, which fails validation.</value>
    public string Directory { get; set; } = string.Empty;
}
