namespace ImageUpdater.Strategies;

/// <summary>The result of selecting a tag for one image.</summary>
/// <param name="Selection">The chosen tag, no tag, or the error for this image.</param>
/// <param name="Strategy">The canonical name of the strategy that was used.</param>
/// <param name="Warnings">Warnings to show the user (deprecated or unknown strategy, allow-tags allowing nothing).</param>
/// <param name="CandidateCount">How many tags passed the filters and extraction.</param>
public sealed record TagSelectionOutcome(TagSelection Selection, string Strategy, IReadOnlyList<string> Warnings, int CandidateCount)
{
    /// <summary>Gets the chosen tag, or null.</summary>
    public TagInfo? Tag => Selection.Tag;

    /// <summary>Gets the error for this image, or null.</summary>
    public string? Error => Selection.Error;
}
