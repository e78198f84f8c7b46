using ImageUpdater.Applications;
using ImageUpdater.Policies;

namespace ImageUpdater.Annotations.Manifests;

/// <summary>
/// What was read from one or more manifest files: the applications and <c>ImageUpdater</c> resources, and an error
/// for every document that could not be read (the others are still returned).
/// </summary>
public sealed record ManifestSet
{
    /// <summary>Gets an empty set.</summary>
    public static ManifestSet Empty { get; } = new();

    /// <summary>Gets the applications, in reading order.</summary>
    public IReadOnlyList<ArgoApplication> Applications { get; init; } = [];

    /// <summary>Gets the <c>ImageUpdater</c> resources, in reading order.</summary>
    public IReadOnlyList<ImageUpdaterResource> ImageUpdaters { get; init; } = [];

    /// <summary>Gets the errors; each names the file, line, document and field.</summary>
    public IReadOnlyList<ConfigurationException> Errors { get; init; } = [];

    /// <summary>Gets how many documents were skipped because they are of another kind.</summary>
    public int OtherDocuments { get; init; }

    /// <summary>
    /// Gets how many <c>ImageUpdater</c> documents could not be read (their errors are in <see cref="Errors"/>), so that
    /// a broken resource still counts as configuration by resources rather than silently switching to annotations.
    /// </summary>
    public int InvalidImageUpdaters { get; init; }

    /// <summary>Concatenates sets read from several files.</summary>
    /// <param name="sets">The sets.</param>
    /// <returns>One set with everything, in order.</returns>
    public static ManifestSet Combine(IEnumerable<ManifestSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        var list = sets.ToList();
        return new ManifestSet
        {
            Applications = list.SelectMany(static s => s.Applications).ToList(),
            ImageUpdaters = list.SelectMany(static s => s.ImageUpdaters).ToList(),
            Errors = list.SelectMany(static s => s.Errors).ToList(),
            OtherDocuments = list.Sum(static s => s.OtherDocuments),
            InvalidImageUpdaters = list.Sum(static s => s.InvalidImageUpdaters),
        };
    }
}
