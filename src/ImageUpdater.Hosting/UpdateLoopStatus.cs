namespace ImageUpdater.Hosting;

/// <summary>
/// The state of the update loop, shared between the loop that writes it and the readers (health checks, status
/// pages). Registered as a singleton by <c>AddUpdateLoop()</c>.
/// </summary>
public sealed class UpdateLoopStatus
{
    private readonly Lock _gate = new();
    private UpdateLoopReport _current = new() { Phase = UpdateLoopPhase.NotStarted };

    /// <summary>Gets the loop's state now.</summary>
    public UpdateLoopReport Current => Volatile.Read(ref _current);

    internal void Update(Func<UpdateLoopReport, UpdateLoopReport> change)
    {
        lock (_gate)
        {
            Volatile.Write(ref _current, change(_current));
        }
    }

    internal void Enter(UpdateLoopPhase phase, DateTimeOffset now) => Update(r => r with { Phase = phase, Since = now });
}
