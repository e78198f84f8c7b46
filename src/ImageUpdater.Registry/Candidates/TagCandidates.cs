using ImageUpdater.Engine;

namespace ImageUpdater.Registry;

/// <summary>The candidate tags of one image, in the registry's order, and the tags left out with the reason.</summary>
public sealed record TagCandidates
{
    /// <summary>Gets the repository that was read.</summary>
    public required RegistryRepository Repository { get; init; }

    /// <summary>Gets the candidates with the metadata asked for.</summary>
    public required IReadOnlyList<TagInfo> Tags { get; init; }

    /// <summary>
    /// Gets the tags left out while fetching metadata (no wanted platform, unreadable manifest or config), each with a
    /// one-line reason; as in the reference, such a tag is skipped and the others still count.
    /// </summary>
    public IReadOnlyList<SkippedTag> Skipped { get; init; } = [];

    /// <summary>
    /// Gets how the listed tags were narrowed down to <see cref="Tags"/>: removed by the classification (allow-tags,
    /// ignore-tags, extraction as <see cref="TagFunnel.Unparseable"/>, the digest strategy's other tags as
    /// <see cref="TagFunnel.OutsideConstraint"/>) and by platform; <see cref="TagFunnel.Candidates"/> is the number of
    /// <see cref="Tags"/>.
    /// </summary>
    public TagFunnel Funnel { get; init; } = TagFunnel.Empty;
}
