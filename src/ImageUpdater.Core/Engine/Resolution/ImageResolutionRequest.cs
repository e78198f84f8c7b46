using ImageUpdater.Policies;

namespace ImageUpdater.Engine;

/// <summary>What to resolve: one image of one application.</summary>
public sealed record ImageResolutionRequest
{
    /// <summary>Gets the image, its settings (strategy, constraint, filters, platforms, pull secret) and target.</summary>
    public required ImageUpdatePolicy Image { get; init; }

    /// <summary>
    /// Gets the namespace of the application that asks; <c>pullsecret:</c> and <c>secret:</c> credentials are read
    /// from this namespace only. Empty when unknown (the <c>test</c> command, files without a namespace).
    /// </summary>
    public string ApplicationNamespace { get; init; } = string.Empty;
}
