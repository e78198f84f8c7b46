namespace ImageUpdater.Registry;

/// <summary>What the client reads from an image config blob. Immutable, so it is cached by the blob's digest.</summary>
public sealed record ImageConfig
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>(0);

    /// <summary>Gets the creation time (<c>created</c>); <see langword="null"/> when absent or unreadable.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>Gets the labels (<c>config.Labels</c>).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = NoLabels;

    /// <summary>Gets the platform (<c>os</c>, <c>architecture</c>, <c>variant</c>).</summary>
    public Platform Platform { get; init; }
}
