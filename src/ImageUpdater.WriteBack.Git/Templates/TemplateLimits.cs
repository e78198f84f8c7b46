namespace ImageUpdater.WriteBack.Git.Templates;

/// <summary>Bounds that keep a hostile template from hanging the updater or exhausting its memory.</summary>
internal static class TemplateLimits
{
    /// <summary>The longest template text accepted, in characters.</summary>
    public const int MaxTemplateLength = 64 * 1024;

    /// <summary>The longest output a template may produce, in characters.</summary>
    public const int MaxOutputLength = 1024 * 1024;

    /// <summary>The most nodes, commands and range iterations one execution may evaluate.</summary>
    public const int MaxSteps = 1_000_000;

    /// <summary>The most characters all function calls of one execution may produce together.</summary>
    public const int MaxProducedLength = 16 * 1024 * 1024;
}
