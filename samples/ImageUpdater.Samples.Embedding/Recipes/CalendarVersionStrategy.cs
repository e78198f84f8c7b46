using System.Globalization;

namespace ImageUpdater.Samples.Embedding;

/// <summary>A custom strategy: the newest <c>yyyy.MM.dd</c> tag. Registered with <c>AddTagStrategy&lt;T&gt;()</c>.</summary>
internal sealed class CalendarVersionStrategy : ITagStrategy
{
    public const string StrategyName = "calver";

    public string Name => StrategyName;

    public TagMetadataNeeds MetadataNeeds => TagMetadataNeeds.None;

    public string? Validate(ImageUpdateSettings settings) => null;

    public TagSelection Select(IReadOnlyList<TagInfo> candidates, ImageUpdateSettings settings)
    {
        TagInfo? newest = null;
        var newestDate = DateOnly.MinValue;
        foreach (var tag in candidates)
        {
            if (DateOnly.TryParseExact(tag.Name, "yyyy.MM.dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date >= newestDate)
            {
                (newest, newestDate) = (tag, date);
            }
        }

        return newest is null ? TagSelection.None : TagSelection.Selected(newest);
    }
}
