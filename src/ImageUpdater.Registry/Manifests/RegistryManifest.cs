namespace ImageUpdater.Registry;

/// <summary>
/// A parsed manifest: for an image, the digest of its config blob; for an index, its children. Immutable, so it is
/// cached by <see cref="Digest"/>.
/// </summary>
public sealed record RegistryManifest
{
    /// <summary>Gets the digest of the manifest's raw bytes (the index digest for a multi-platform image).</summary>
    public required Digest Digest { get; init; }

    /// <summary>Gets the media type (from the body, else the <c>Content-Type</c> header).</summary>
    public required string MediaType { get; init; }

    /// <summary>Gets the config blob's digest for an image manifest; <see langword="null"/> for an index.</summary>
    public Digest? ConfigDigest { get; init; }

    /// <summary>Gets the children of an index; empty for an image manifest.</summary>
    public IReadOnlyList<ManifestChild> Children { get; init; } = [];

    /// <summary>Gets a value indicating whether this is an index or manifest list.</summary>
    public bool IsIndex => ManifestMediaTypes.IsIndex(MediaType);
}

/// <summary>A child of an index: a manifest digest and the platform it is built for.</summary>
/// <param name="Digest">The child manifest's digest.</param>
/// <param name="MediaType">The child's media type.</param>
/// <param name="Platform">The platform; <see langword="null"/> when the index gives none (such as attestations).</param>
public sealed record ManifestChild(Digest Digest, string MediaType, Platform? Platform);
