using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ImageUpdater.Engine;

/// <summary>The engine's instruments, created once from the <see cref="IMeterFactory"/>.</summary>
internal sealed class UpdateEngineMetrics
{
    internal static readonly ActivitySource ActivitySource = new(UpdateEngineInstruments.ActivitySourceName);

    private readonly Counter<long> _imagesUpdated;
    private readonly Counter<long> _imageErrors;
    private readonly Histogram<double> _cycleDuration;
    private long _applicationsWatched;
    private long _imagesWatched;

    public UpdateEngineMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(UpdateEngineInstruments.MeterName);
        _imagesUpdated = meter.CreateCounter<long>(UpdateEngineInstruments.ImagesUpdated, "{image}", "Images updated.");
        _imageErrors = meter.CreateCounter<long>(UpdateEngineInstruments.ImageErrors, "{image}", "Images that failed to resolve or write back.");
        _cycleDuration = meter.CreateHistogram<double>(UpdateEngineInstruments.CycleDuration, "s", "Duration of an update cycle.");
        meter.CreateObservableGauge(UpdateEngineInstruments.ApplicationsWatched, () => Volatile.Read(ref _applicationsWatched), "{application}", "Applications the last cycle watched.");
        meter.CreateObservableGauge(UpdateEngineInstruments.ImagesWatched, () => Volatile.Read(ref _imagesWatched), "{image}", "Images the last cycle watched.");
    }

    public void RecordCycle(CycleResult result)
    {
        var summary = result.Summary;
        Volatile.Write(ref _applicationsWatched, summary.Applications - summary.Ignored);
        Volatile.Write(ref _imagesWatched, summary.ImagesConsidered);
        _cycleDuration.Record(result.Duration.TotalSeconds);
        foreach (var application in result.Applications)
        {
            var name = new KeyValuePair<string, object?>(UpdateEngineInstruments.ApplicationTag, QualifiedName(application));
            foreach (var image in application.Images)
            {
                if (image.Updated && !result.DryRun)
                {
                    _imagesUpdated.Add(1, name);
                }
                else if (image.Error is { } error)
                {
                    _imageErrors.Add(1, name, new(UpdateEngineInstruments.ErrorKindTag, error.Kind.ToString()));
                }
            }
        }
    }

    private static string QualifiedName(ApplicationResult application) =>
        application.Namespace.Length == 0 ? application.Name : application.Namespace + "/" + application.Name;
}
