using ImageUpdater.Policies;

namespace ImageUpdater.Annotations;

/// <summary>
/// An application's annotations in the shape of an <c>ImageUpdater</c> application reference, as the reference
/// converts them: images with per-alias settings and targets, application-wide settings and write-back settings.
/// </summary>
/// <param name="Images">The images of <c>image-list</c>, in order.</param>
/// <param name="ApplicationWide">The application-wide settings, the fallback for every image; <see langword="null"/> when none.</param>
/// <param name="WriteBack">The write-back settings; <see langword="null"/> when none.</param>
internal sealed record AnnotationConfiguration(
    IReadOnlyList<ImageConfigSpec> Images,
    CommonUpdateSettingsSpec? ApplicationWide,
    WriteBackConfigSpec? WriteBack);
