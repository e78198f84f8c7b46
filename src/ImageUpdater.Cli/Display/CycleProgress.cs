using System.Diagnostics;
using System.Diagnostics.Metrics;
using ImageUpdater.Engine;
using ImageUpdater.Registry;

namespace ImageUpdater.Cli.Display;

/// <summary>
/// Counts a cycle's progress from the telemetry the engine and the registry client already publish: the engine's
/// application and image spans (<see cref="UpdateEngineInstruments.ActivitySourceName"/>) as they end, and the registry
/// meter's request counter (<see cref="RegistryInstruments.Requests"/>). No progress interface in Core: what a live
/// display needs is what an OpenTelemetry exporter sees.
/// </summary>
/// <remarks>
/// Listeners are process-wide: two cycles running at once in one process are counted together, which the tool never
/// does.
/// </remarks>
internal sealed class CycleProgress : IDisposable
{
    // The engine's span names (UpdateEngine.RunCycleAsync and its application and image steps).
    private const string ApplicationSpan = "image-updater application";
    private const string ImageSpan = "image-updater image";

    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;
    private long _applications;
    private long _images;
    private long _requests;

    public CycleProgress()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == UpdateEngineInstruments.ActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = OnStopped,
        };
        ActivitySource.AddActivityListener(_activities);

        _meters = new MeterListener
        {
            InstrumentPublished = static (instrument, listener) =>
            {
                if (instrument.Meter.Name == RegistryInstruments.MeterName && instrument.Name == RegistryInstruments.Requests)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _requests, value));
        _meters.Start();
    }

    /// <summary>Applications whose images were resolved (managed applications only).</summary>
    public long ApplicationsDone => Interlocked.Read(ref _applications);

    /// <summary>Images resolved, whether updated, unchanged or failed.</summary>
    public long ImagesDone => Interlocked.Read(ref _images);

    /// <summary>HTTP requests sent to registries, retries included.</summary>
    public long RegistryRequests => Interlocked.Read(ref _requests);

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private void OnStopped(Activity activity)
    {
        switch (activity.OperationName)
        {
            case ApplicationSpan:
                Interlocked.Increment(ref _applications);
                break;
            case ImageSpan:
                Interlocked.Increment(ref _images);
                break;
        }
    }
}
