using System.Text;
using System.Text.RegularExpressions;

namespace ImageUpdater.Policies;

/// <summary>One rule of an <c>ImageUpdater</c> resource selecting applications (<c>spec.applicationRefs[]</c>).</summary>
public sealed partial record ApplicationRefSpec
{
    /// <summary>Gets the application name glob (Go <c>path/filepath.Match</c>).</summary>
    public string NamePattern { get; init; } = string.Empty;

    /// <summary>Gets the label selector; <see langword="null"/> when the rule does not filter by labels.</summary>
    public LabelSelectorSpec? LabelSelectors { get; init; }

    /// <summary>
    /// Gets whether the images and settings come from the application's annotations; when <see langword="true"/> every
    /// other field but the selection is ignored.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool? UseAnnotations { get; init; }

    /// <summary>Gets the rule's settings, layered over the resource's.</summary>
    public CommonUpdateSettingsSpec? CommonUpdateSettings { get; init; }

    /// <summary>Gets the rule's write-back settings, layered over the resource's.</summary>
    public WriteBackConfigSpec? WriteBackConfig { get; init; }

    /// <summary>Gets the images; required (at least one) unless <see cref="UseAnnotations"/> is set.</summary>
    public IReadOnlyList<ImageConfigSpec> Images { get; init; } = [];

    /// <summary>
    /// Gets how specific the rule is; when several rules match an application the highest score wins (ties: the
    /// earlier rule). A pattern without <c>*?[]</c> scores 1,000,000; each literal byte of the pattern (after removing
    /// <c>[...]</c> groups, <c>*</c> and <c>?</c>) 1; a label selector 10,000 plus 100 per label and per expression.
    /// </summary>
    public int Specificity
    {
        get
        {
            var score = 0;
            if (NamePattern.AsSpan().IndexOfAny("*?[]") < 0)
            {
                score += 1_000_000;
            }

            // The reference counts bytes of the UTF-8 text (Go's len).
            var literals = BracketGroup().Replace(NamePattern, string.Empty).Replace("*", string.Empty, StringComparison.Ordinal).Replace("?", string.Empty, StringComparison.Ordinal);
            score += Encoding.UTF8.GetByteCount(literals);
            if (LabelSelectors is { } selector)
            {
                score += 10_000 + (selector.MatchLabels.Count * 100) + (selector.MatchExpressions.Count * 100);
            }

            return score;
        }
    }

    // Go's `\[.*?]`: the shortest bracket group, not crossing a newline.
    [GeneratedRegex(@"\[.*?]", RegexOptions.CultureInvariant)]
    private static partial Regex BracketGroup();
}
