namespace ImageUpdater.Applications;

/// <summary>The <c>plugin</c> block of an application source (a config management plugin).</summary>
public sealed record PluginSource
{
    /// <summary>Gets the plugin name (<c>plugin.name</c>); empty when Argo CD discovers the plugin.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Gets the environment entries (<c>plugin.env</c>), in the order written.</summary>
    public IReadOnlyList<PluginEnvironmentEntry> Environment { get; init; } = [];
}

/// <summary>An environment variable passed to a config management plugin (<c>plugin.env[]</c>).</summary>
/// <param name="Name">The variable name.</param>
/// <param name="Value">The value.</param>
public sealed record PluginEnvironmentEntry(string Name, string Value);
