namespace ImageUpdater.Kubernetes;

/// <summary>
/// Counts the cycles the cluster source has read, so that per-cycle caches (Secrets) start empty with each cycle
/// without another seam in the engine.
/// </summary>
internal sealed class CycleGeneration
{
    private long _value;

    public long Current => Interlocked.Read(ref _value);

    public void Advance() => Interlocked.Increment(ref _value);
}
