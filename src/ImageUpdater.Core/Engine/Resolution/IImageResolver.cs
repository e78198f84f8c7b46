namespace ImageUpdater.Engine;

/// <summary>
/// The one path from an image policy to the tag it should run: registry endpoint, credentials, tag list, filters,
/// metadata and strategy. Registered by the registry package; the engine and the <c>test</c> command both use it.
/// </summary>
public interface IImageResolver
{
    /// <summary>
    /// Starts a resolution pass (one update cycle). Within a pass each repository's tag list is fetched once, whoever
    /// asks for it and however many images name it.
    /// </summary>
    /// <returns>The pass; dispose it when the cycle ends.</returns>
    IImageResolutionPass BeginPass();
}

/// <summary>One resolution pass, shared by every image of a cycle.</summary>
public interface IImageResolutionPass : IDisposable
{
    /// <summary>Chooses the tag <paramref name="request"/>'s image should run.</summary>
    /// <param name="request">The image and its settings.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>
    /// The resolution. Expected failures (a registry error, an invalid constraint) are values with an
    /// <see cref="UpdateErrorKind"/>, never exceptions.
    /// </returns>
    ValueTask<ImageResolution> ResolveAsync(ImageResolutionRequest request, CancellationToken cancellationToken = default);
}
