namespace ImageUpdater.Engine;

/// <summary>
/// Names of the engine's meter, activity source, instruments and tags, for OpenTelemetry set-ups
/// (<c>AddMeter(UpdateEngineInstruments.MeterName)</c>, <c>AddSource(UpdateEngineInstruments.ActivitySourceName)</c>).
/// </summary>
/// <remarks>
/// The instruments carry the meaning of the reference's Prometheus metrics under OpenTelemetry-style names:
/// <c>argocd_image_updater_applications_watched_total</c> is <see cref="ApplicationsWatched"/>,
/// <c>argocd_image_updater_images_watched_total</c> is <see cref="ImagesWatched"/>,
/// <c>argocd_image_updater_images_updated_total</c> is <see cref="ImagesUpdated"/> and
/// <c>argocd_image_updater_images_errors_total</c> is <see cref="ImageErrors"/>. Registry requests and failures are
/// counted by the registry package's meter.
/// </remarks>
public static class UpdateEngineInstruments
{
    /// <summary>The name of the engine's <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string MeterName = "ImageUpdater.Engine";

    /// <summary>The name of the engine's <see cref="System.Diagnostics.ActivitySource"/> (spans cycle, application, image).</summary>
    public const string ActivitySourceName = "ImageUpdater.Engine";

    /// <summary>Gauge: the applications the last cycle watched.</summary>
    public const string ApplicationsWatched = "imageupdater.applications.watched";

    /// <summary>Gauge: the images the last cycle watched.</summary>
    public const string ImagesWatched = "imageupdater.images.watched";

    /// <summary>Counter: images updated (written back), tagged with the application.</summary>
    public const string ImagesUpdated = "imageupdater.images.updated";

    /// <summary>Counter: images that failed to resolve or write back, tagged with the application and error kind.</summary>
    public const string ImageErrors = "imageupdater.images.errors";

    /// <summary>Histogram: the duration of a cycle, in seconds.</summary>
    public const string CycleDuration = "imageupdater.cycle.duration";

    /// <summary>The tag naming the application (<c>namespace/name</c>).</summary>
    public const string ApplicationTag = "application";

    /// <summary>The tag naming an error's <see cref="UpdateErrorKind"/>.</summary>
    public const string ErrorKindTag = "error.kind";
}
