namespace ImageUpdater.Registry;

/// <summary>
/// Where the image resolver reads <c>registries.conf</c> from: a file or inline YAML (at most one). Validated when the
/// host starts; a bad file is an error naming the file, line and key. Neither set means the built-in defaults.
/// </summary>
public sealed class RegistriesOptions
{
    /// <summary>Gets or sets the path of a <c>registries.conf</c> file.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? ConfigurationPath { get; set; }

    /// <summary>Gets or sets the YAML of a <c>registries.conf</c>, for configurations that do not live in a file.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? ConfigurationText { get; set; }

    /// <summary>
    /// Gets or sets a request rate (per second) for every registry, overriding <c>limit</c> in <c>registries.conf</c>
    /// and the inferred endpoints' rate; zero or less removes the limit.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: every registry keeps its own rate.</value>
    public double? RequestsPerSecond { get; set; }

    /// <summary>Reads the configuration the options name.</summary>
    /// <returns>The configuration, or <see langword="null"/> when none is named.</returns>
    /// <exception cref="ConfigurationException">The file cannot be read or is invalid, or both forms are set.</exception>
    internal RegistriesConfiguration? Load()
    {
        if (!string.IsNullOrEmpty(ConfigurationPath) && ConfigurationText is not null)
        {
            throw new ConfigurationException(
                $"set {nameof(RegistriesOptions)}.{nameof(ConfigurationPath)} or {nameof(ConfigurationText)}, not both");
        }

        if (!string.IsNullOrEmpty(ConfigurationPath))
        {
            return RegistriesConfiguration.Load(ConfigurationPath);
        }

        return ConfigurationText is null ? null : RegistriesConfiguration.Parse(ConfigurationText, "registries.conf (inline)");
    }
}
