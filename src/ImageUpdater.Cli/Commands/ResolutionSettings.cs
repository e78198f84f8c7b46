namespace ImageUpdater.Cli.Commands;

/// <summary>The command line's settings for image resolution, shared by <c>test</c> and <c>run</c>.</summary>
internal sealed record ResolutionSettings
{
    /// <summary>Gets the <c>registries.conf</c> path (<c>--registries-conf-path</c>), or <see langword="null"/>.</summary>
    public string? RegistriesConfPath { get; init; }

    /// <summary>Gets the folder of Secret files (<c>--secrets-dir</c>), or <see langword="null"/>.</summary>
    public string? SecretsDirectory { get; init; }

    /// <summary>Gets the rate overriding every registry's (<c>--rate-limit</c>; 0 for none), or <see langword="null"/>.</summary>
    public double? RequestsPerSecond { get; init; }
}
