using System.Globalization;

namespace ImageUpdater.Strategies;

/// <summary>
/// <c>numerical</c> (as Flux's numerical policy): every candidate is read as a decimal number (optionally negative,
/// fractional or with an exponent; invariant culture) and the largest wins; equal numbers are ordered by tag
/// ordinally and the last wins. A candidate that is not a finite number is an error naming it, so combine this
/// strategy with allow-tags or an extraction that leaves only numbers.
/// </summary>
public sealed class NumericalStrategy : ITagStrategy
{
    private const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <inheritdoc/>
    public string Name => TagStrategyNames.Numerical;

    /// <inheritdoc/>
    public TagMetadataNeeds MetadataNeeds => TagMetadataNeeds.None;

    /// <inheritdoc/>
    public string? Validate(ImageUpdateSettings settings) => null;

    /// <inheritdoc/>
    public TagSelection Select(IReadOnlyList<TagInfo> candidates, ImageUpdateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        TagInfo? best = null;
        var bestValue = 0d;
        foreach (var tag in candidates)
        {
            if (!TryParse(tag.Name, out var value))
            {
                return TagSelection.Failed($"Tag '{tag.Name}' is not a number, as the numerical update strategy requires of every candidate.");
            }

            if (best is null || value > bestValue || (value == bestValue && string.CompareOrdinal(tag.Name, best.Name) > 0))
            {
                best = tag;
                bestValue = value;
            }
        }

        return best is null ? TagSelection.None : TagSelection.Selected(best);
    }

    /// <summary>Reads a tag as a finite decimal number, as the strategy does.</summary>
    /// <param name="text">The tag.</param>
    /// <param name="value">The number.</param>
    /// <returns><see langword="true"/> when the tag is a finite number.</returns>
    public static bool TryParse(string text, out double value) =>
        double.TryParse(text, Styles, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
