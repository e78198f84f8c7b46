namespace ImageUpdater;

/// <summary>A tag of a repository and what is known of the image it points to.</summary>
/// <remarks>
/// Only <see cref="Name"/> comes from a tag list; the rest is filled in when a strategy needs it (the registry client
/// fetches manifests and config blobs on demand), so most tags carry only their name.
/// </remarks>
public sealed record TagInfo
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>(0);

    /// <summary>Creates a tag record with only a name.</summary>
    /// <param name="name">The tag name.</param>
    public TagInfo(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
    }

    /// <summary>Gets the tag name.</summary>
    public string Name { get; }

    /// <summary>Gets the digest of the manifest (the index digest for a multi-platform image), when known.</summary>
    public Digest? Digest { get; init; }

    /// <summary>
    /// Gets the creation time from the image config (for an index, the latest among the children that match the wanted
    /// platforms), when known.
    /// </summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Gets the config labels of the image, empty when unknown.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = NoLabels;

    /// <summary>Gets the platforms the image is built for, empty when unknown.</summary>
    public IReadOnlyList<Platform> Platforms { get; init; } = [];

    /// <summary>Returns the tag name.</summary>
    /// <returns>The tag name.</returns>
    public override string ToString() => Name;
}
