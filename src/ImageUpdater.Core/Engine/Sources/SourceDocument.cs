namespace ImageUpdater.Engine;

/// <summary>
/// The text of one or more Kubernetes objects as a source read them: a YAML or JSON file (possibly holding several
/// documents or a <c>List</c>), or one object returned by an API server.
/// </summary>
public sealed record SourceDocument
{
    /// <summary>Gets the YAML or JSON text.</summary>
    public required string Content { get; init; }

    /// <summary>Gets where the text came from, as errors should name it: a file path, or <c>cluster</c>.</summary>
    public required string Origin { get; init; }

    /// <summary>Gets the version the source read (a Kubernetes <c>resourceVersion</c>), when it has one.</summary>
    public string? Version { get; init; }
}
