namespace ImageUpdater.Registry;

/// <summary>The manifest media types the client understands, and the <c>Accept</c> header that asks for them.</summary>
public static class ManifestMediaTypes
{
    /// <summary>An OCI image index (multi-platform).</summary>
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    /// <summary>An OCI image manifest.</summary>
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>A Docker manifest list (multi-platform).</summary>
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>A Docker image manifest, schema 2.</summary>
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>
    /// The <c>Accept</c> header sent for manifests. Every type must be listed: some registries answer 404 for an OCI
    /// manifest, or convert a Docker one to schema 1 (another digest), when it is missing.
    /// </summary>
    public const string AcceptHeader = OciIndex + ", " + OciManifest + ", " + DockerManifestList + ", " + DockerManifest;

    /// <summary>Whether a media type is an index or manifest list.</summary>
    /// <param name="mediaType">The media type.</param>
    /// <returns><see langword="true"/> for an index or list.</returns>
    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;

    /// <summary>Whether a media type is a single-image manifest.</summary>
    /// <param name="mediaType">The media type.</param>
    /// <returns><see langword="true"/> for an OCI or Docker v2 image manifest.</returns>
    public static bool IsImageManifest(string? mediaType) => mediaType is OciManifest or DockerManifest;
}
