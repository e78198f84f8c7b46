namespace ImageUpdater.Policies;

/// <summary>One image an application tracks: which image, how its new tag is chosen, and where it is written.</summary>
/// <param name="Image">The image as configured; its alias names per-image settings and its tag part is the constraint.</param>
/// <param name="Settings">The tag selection settings, with the constraint taken from <paramref name="Image"/>.</param>
/// <param name="Target">Where the image is written.</param>
public sealed record ImageUpdatePolicy(ImageReference Image, ImageUpdateSettings Settings, ImageManifestTarget Target);
