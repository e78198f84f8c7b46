using System.Diagnostics.CodeAnalysis;

namespace ImageUpdater;

/// <summary>
/// An image as Argo CD Image Updater writes it: <c>[alias=][registry/]name[:tag][@digest]</c>.
/// </summary>
/// <remarks>
/// Parsing follows the reference exactly (see <see cref="Parse"/>): the Docker reference grammar first, and when that
/// rejects the text, a lenient split whose tag part may be a version constraint such as <c>~1.2</c> or <c>&gt;=1.0.1</c>.
/// </remarks>
public sealed record ImageReference
{
    /// <summary>The registry host Docker Hub images live on when none is written.</summary>
    public const string DockerHubRegistry = "docker.io";

    /// <summary>Gets the alias the image is known by in annotations (the part before <c>=</c>); empty when none.</summary>
    public string Alias { get; init; } = string.Empty;

    /// <summary>
    /// Gets the registry host (and port) as written; empty when none was written. <c>docker.io</c> is kept only when
    /// it was written literally.
    /// </summary>
    public string Registry { get; init; } = string.Empty;

    /// <summary>Gets the repository path within the registry, such as <c>bitnami/nginx</c>.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Gets the tag; <see langword="null"/> when none. In the lenient form this may be a version constraint.
    /// </summary>
    public string? Tag { get; init; }

    /// <summary>
    /// Gets the digest text as written (not validated, so that lenient input round-trips); <see langword="null"/>
    /// when none. Use <see cref="TryGetDigest"/> for a validated <see cref="ImageUpdater.Digest"/>.
    /// </summary>
    public string? Digest { get; init; }

    /// <summary>Gets <c>[registry/]name</c>.</summary>
    public string FullName => Registry.Length == 0 ? Name : Registry + "/" + Name;

    /// <summary>Gets <c>[registry/]name[:tag][@digest]</c>.</summary>
    public string FullNameWithTag
    {
        get
        {
            var text = FullName;
            if (!string.IsNullOrEmpty(Tag))
            {
                text += ":" + Tag;
            }

            if (!string.IsNullOrEmpty(Digest))
            {
                text += "@" + Digest;
            }

            return text;
        }
    }

    /// <summary>
    /// Gets the tag and digest as written back: <c>tag</c>, <c>tag@digest</c>, or <c>latest@digest</c> when only a
    /// digest is known; empty when neither is.
    /// </summary>
    public string TagWithDigest
    {
        get
        {
            var text = Tag ?? string.Empty;
            if (!string.IsNullOrEmpty(Digest))
            {
                text = (text.Length == 0 ? "latest" : text) + "@" + Digest;
            }

            return text;
        }
    }

    /// <summary>Parses an image identifier exactly as the reference does.</summary>
    /// <param name="identifier">The identifier, such as <c>web=ghcr.io/acme/web:~1.2</c>.</param>
    /// <returns>The image reference. This never fails: what the grammar rejects is split leniently.</returns>
    /// <remarks>
    /// The alias is split off on the first <c>=</c>. The rest is parsed with the Docker reference grammar
    /// (<c>ParseNormalizedNamed</c>): a first path segment is a registry when it contains <c>.</c> or <c>:</c>, is
    /// <c>localhost</c>, or has upper-case letters; Docker Hub's implied <c>docker.io</c> and <c>library/</c> are not
    /// kept unless written. When the grammar rejects the text (upper-case repository, a constraint as tag, a short
    /// digest, ...), the reference's legacy split applies: the first segment is a registry only when it contains
    /// <c>.</c>, and the tag is whatever follows the first <c>:</c>.
    /// </remarks>
    public static ImageReference Parse(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return DockerReferenceGrammar.TryParse(identifier, out var strict) ? strict : LegacyImageSplit.Parse(identifier);
    }

    /// <summary>
    /// Parses an identifier with the Docker reference grammar only, failing where the reference would fall back to
    /// its lenient split.
    /// </summary>
    /// <param name="identifier">The identifier.</param>
    /// <param name="reference">The reference, when the grammar accepts it.</param>
    /// <returns><see langword="true"/> when the grammar accepts the identifier.</returns>
    public static bool TryParseStrict([NotNullWhen(true)] string? identifier, [NotNullWhen(true)] out ImageReference? reference)
    {
        if (identifier is null)
        {
            reference = null;
            return false;
        }

        return DockerReferenceGrammar.TryParse(identifier, out reference);
    }

    /// <summary>
    /// Whether a text is a tag name of the distribution grammar: up to 128 letters, digits, <c>_</c>, <c>.</c> and
    /// <c>-</c>, not starting with <c>.</c> or <c>-</c>. Registries hold no other tags; any other text, used in a
    /// manifest URL or printed, could name another resource or carry control characters.
    /// </summary>
    /// <param name="tag">The text.</param>
    /// <returns><see langword="true"/> when the text is a tag name.</returns>
    public static bool IsValidTag([NotNullWhen(true)] string? tag) => tag is not null && DockerReferenceGrammar.IsTag(tag);

    /// <summary>Gets the validated digest, when the digest text is one.</summary>
    /// <param name="digest">The digest.</param>
    /// <returns><see langword="true"/> when a valid digest is present.</returns>
    public bool TryGetDigest(out Digest digest) => ImageUpdater.Digest.TryParse(Digest, out digest);

    /// <summary>Returns a copy with another tag and digest, keeping alias, registry and name.</summary>
    /// <param name="tag">The new tag, or <see langword="null"/>.</param>
    /// <param name="digest">The new digest, or <see langword="null"/>.</param>
    /// <returns>The new reference.</returns>
    public ImageReference WithTag(string? tag, string? digest = null) => this with { Tag = tag, Digest = digest };

    /// <summary>
    /// Whether <paramref name="other"/> names the same image: same name and, strictly, the same registry text
    /// (<c>""</c> and <c>docker.io</c> differ), as the reference compares a configured image with the live images.
    /// </summary>
    /// <param name="other">The other image.</param>
    /// <returns><see langword="true"/> when registry and name are equal.</returns>
    public bool IsSameImage(ImageReference other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Name, other.Name, StringComparison.Ordinal)
            && string.Equals(Registry, other.Registry, StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether <paramref name="other"/> names the same image when an empty registry and <c>docker.io</c> count as
    /// equal, as the kustomize image merge treats them.
    /// </summary>
    /// <param name="other">The other image.</param>
    /// <returns><see langword="true"/> when registry and name are equal under that rule.</returns>
    public bool IsSameImageIgnoringDefaultRegistry(ImageReference other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Name, other.Name, StringComparison.Ordinal)
            && string.Equals(NormalizeRegistry(Registry), NormalizeRegistry(other.Registry), StringComparison.Ordinal);

        static string NormalizeRegistry(string registry) => registry.Length == 0 ? DockerHubRegistry : registry;
    }

    /// <summary>Renders <c>[alias=][registry/]name[:tag][@digest]</c>, the form <see cref="Parse"/> reads.</summary>
    /// <returns>The identifier.</returns>
    public override string ToString() => Alias.Length == 0 ? FullNameWithTag : Alias + "=" + FullNameWithTag;
}
