using System.Globalization;
using ImageUpdater;

namespace ImageUpdater.Samples.Embedding;

/// <summary>
/// A custom strategy: the newest <c>yyyy.MM.dd</c> tag (calendar versioning). Register it with
/// <c>AddTagStrategy&lt;CalendarVersionStrategy&gt;()</c> and choose it per image with
/// <c>&lt;alias&gt;.update-strategy: calver</c>.
/// </summary>
public sealed class CalendarVersionStrategy : ITagStrategy
{
    /// <summary>The name an update-strategy annotation uses.</summary>
    public const string StrategyName = "calver";

    /// <inheritdoc/>
    public string Name => StrategyName;

    /// <inheritdoc/>
    public TagMetadataNeeds MetadataNeeds => TagMetadataNeeds.None; // tag names are enough: no manifest requests

    /// <inheritdoc/>
    public string? Validate(ImageUpdateSettings settings) => null;

    /// <inheritdoc/>
    public TagSelection Select(IReadOnlyList<TagInfo> candidates, ImageUpdateSettings settings)
    {
        TagInfo? newest = null;
        var newestDate = DateOnly.MinValue;
        foreach (var tag in candidates)
        {
            if (DateOnly.TryParseExact(tag.Name, "yyyy.MM.dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date > newestDate)
            {
                (newest, newestDate) = (tag, date);
            }
        }

        return newest is null ? TagSelection.None : TagSelection.Selected(newest);
    }
}
