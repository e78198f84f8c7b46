namespace ImageUpdater.Applications;

/// <summary>
/// An Argo CD <c>Application</c> as ImageUpdater needs it: identity, labels and annotations, its sources and what Argo CD
/// reported about them. Immutable; built by a source (files, the Kubernetes API) and shared by every policy reader.
/// </summary>
public sealed record ArgoApplication
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>(0);

    /// <summary>Gets the application's name (<c>metadata.name</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the application's namespace (<c>metadata.namespace</c>); empty when the document names none.</summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary>Gets the labels (<c>metadata.labels</c>).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = Empty;

    /// <summary>Gets the annotations (<c>metadata.annotations</c>).</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = Empty;

    /// <summary>Gets the single source (<c>spec.source</c>); <see langword="null"/> for a multi-source application.</summary>
    public ApplicationSource? Source { get; init; }

    /// <summary>Gets the sources of a multi-source application (<c>spec.sources</c>); empty otherwise.</summary>
    public IReadOnlyList<ApplicationSource> Sources { get; init; } = [];

    /// <summary>Gets the images Argo CD reports as running (<c>status.summary.images</c>).</summary>
    public IReadOnlyList<string> LiveImages { get; init; } = [];

    /// <summary>Gets the type Argo CD detected for the single source (<c>status.sourceType</c>); empty when unknown.</summary>
    public string SourceType { get; init; } = string.Empty;

    /// <summary>
    /// Gets the types Argo CD detected for each of <see cref="Sources"/>, index for index (<c>status.sourceTypes</c>).
    /// </summary>
    public IReadOnlyList<string> SourceTypes { get; init; } = [];

    /// <summary>
    /// Gets the version of the object as it was read (a Kubernetes <c>resourceVersion</c>, or a hash of a file's
    /// content), which an update must match; <see langword="null"/> when the reader keeps none.
    /// </summary>
    public string? Version { get; init; }

    /// <summary>Gets where the application was read from, for error messages.</summary>
    public ConfigurationLocation Location { get; init; }

    /// <summary>Gets a value indicating whether the application uses <c>spec.sources</c> (Argo CD's rule: a non-empty list).</summary>
    public bool HasMultipleSources => Sources.Count > 0;

    /// <summary>Gets <c>Application namespace/name</c>, the way errors name the object.</summary>
    public string DisplayName => Namespace.Length == 0 ? "Application " + Name : "Application " + Namespace + "/" + Name;

    /// <summary>Returns <see cref="DisplayName"/>.</summary>
    /// <returns>The display name.</returns>
    public override string ToString() => DisplayName;
}
