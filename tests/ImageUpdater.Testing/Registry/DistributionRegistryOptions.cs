namespace ImageUpdater.Testing;

/// <summary>How to start a <see cref="DistributionRegistry"/>.</summary>
public sealed record DistributionRegistryOptions
{
    /// <summary>How clients authenticate.</summary>
    /// <value>The default value is <see cref="RegistryAuth.Anonymous"/>.</value>
    public RegistryAuth Auth { get; init; } = RegistryAuth.Anonymous;

    /// <summary>
    /// A folder for the registry's configuration and data that outlives the fixture, so a large push can be reused
    /// by the next run; <see langword="null"/> for a temporary folder deleted on dispose.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? StorageFolder { get; init; }

    /// <summary>How long one push request may take; bulk pushes on a loaded machine need more than a test does.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
