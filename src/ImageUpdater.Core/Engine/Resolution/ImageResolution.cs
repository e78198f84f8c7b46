namespace ImageUpdater.Engine;

/// <summary>The outcome of resolving one image: the chosen tag, or why there is none.</summary>
public sealed record ImageResolution
{
    /// <summary>Gets the image that was resolved.</summary>
    public required ImageReference Image { get; init; }

    /// <summary>Gets the strategy that chose (after aliases such as <c>latest</c> were mapped).</summary>
    public string Strategy { get; init; } = TagStrategyNames.Semver;

    /// <summary>Gets the chosen tag with the metadata that was read for it, or <see langword="null"/>.</summary>
    public TagInfo? Selected { get; init; }

    /// <summary>Gets how the registry's tags were narrowed down to the candidates.</summary>
    public TagFunnel Funnel { get; init; } = TagFunnel.Empty;

    /// <summary>Gets tags left out for a reason worth showing (a manifest that could not be read).</summary>
    public IReadOnlyList<SkippedTag> Skipped { get; init; } = [];

    /// <summary>Gets warnings about the configuration (a deprecated strategy name, a pattern that matches nothing).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Gets the failure, or <see langword="null"/> when the resolution ran (with or without a tag chosen).</summary>
    public UpdateError? Error { get; init; }

    /// <summary>Gets a value indicating whether the resolution failed.</summary>
    public bool IsError => Error is not null;
}

/// <summary>A tag that was left out, and why.</summary>
/// <param name="Tag">The tag.</param>
/// <param name="Reason">Why it was left out.</param>
public sealed record SkippedTag(string Tag, string Reason);
