namespace ImageUpdater;

/// <summary>The default preparation of a strategy that parses nothing ahead: validate once, select on demand.</summary>
internal sealed class PreparedTagStrategy(ITagStrategy strategy, ImageUpdateSettings settings) : IPreparedTagStrategy
{
    public string? Error { get; } = strategy.Validate(settings);

    public TagChoice Choose(IReadOnlyList<TagInfo> candidates) =>
        new(Error is null ? strategy.Select(candidates, settings) : TagSelection.Failed(Error));
}
