namespace ImageUpdater.Testing;

/// <summary>
/// An environment variable of this process only, under a name no other test uses (tests run in parallel and share
/// the process environment), removed again on dispose.
/// </summary>
public sealed class ScopedEnvironmentVariable : IDisposable
{
    public ScopedEnvironmentVariable(string prefix, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        Name = $"{prefix}_{Guid.NewGuid():N}".ToUpperInvariant();
        Environment.SetEnvironmentVariable(Name, value, EnvironmentVariableTarget.Process);
    }

    public string Name { get; }

    public void Dispose() => Environment.SetEnvironmentVariable(Name, null, EnvironmentVariableTarget.Process);
}
