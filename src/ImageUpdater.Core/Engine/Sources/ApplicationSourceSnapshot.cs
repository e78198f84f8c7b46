namespace ImageUpdater.Engine;

/// <summary>What an <see cref="IApplicationSource"/> read for one cycle.</summary>
public sealed record ApplicationSourceSnapshot
{
    /// <summary>Gets an empty snapshot.</summary>
    public static ApplicationSourceSnapshot Empty { get; } = new();

    /// <summary>Gets the documents read.</summary>
    public IReadOnlyList<SourceDocument> Documents { get; init; } = [];

    /// <summary>Gets the problems that kept a document from being read; each names its file or object.</summary>
    public IReadOnlyList<ConfigurationException> Errors { get; init; } = [];
}
