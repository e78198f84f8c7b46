using ImageUpdater.Text;

namespace ImageUpdater.Strategies;

/// <summary>
/// The allow-tags and ignore-tags filters of one image, compiled once. allow-tags: empty or <c>any</c>
/// (case-insensitive) allows every tag; <c>regexp:&lt;RE2&gt;</c> (prefix case-insensitive) allows tags it matches
/// anywhere; anything else, or an invalid expression, allows nothing. ignore-tags: Go <c>filepath.Match</c> globs;
/// a tag matching any is dropped, and a malformed glob matches nothing.
/// </summary>
internal sealed class TagFilter
{
    private const string RegexpPrefix = "regexp:";

    private readonly Re2Regex? _allow;
    private readonly bool _allowNothing;
    private readonly string[] _ignore;

    private TagFilter(Re2Regex? allow, bool allowNothing, string[] ignore, string? problem)
    {
        _allow = allow;
        _allowNothing = allowNothing;
        _ignore = ignore;
        Problem = problem;
    }

    /// <summary>Gets a filter that allows every tag.</summary>
    public static TagFilter AllowAll { get; } = new(null, false, [], null);

    /// <summary>Gets why allow-tags allows nothing (an unknown form or an invalid expression); null otherwise.</summary>
    public string? Problem { get; }

    /// <summary>Gets a value indicating whether every tag passes, so callers may skip filtering.</summary>
    public bool AllowsAll => _allow is null && !_allowNothing && _ignore.Length == 0;

    /// <summary>Compiles the filters of an image.</summary>
    /// <param name="allowTags">The allow-tags value.</param>
    /// <param name="ignoreTags">The ignore-tags globs.</param>
    /// <returns>The filter.</returns>
    public static TagFilter Create(string? allowTags, IReadOnlyList<string>? ignoreTags)
    {
        var ignore = ignoreTags is null ? [] : ignoreTags.Where(static g => !string.IsNullOrEmpty(g)).ToArray();
        var allow = allowTags?.Trim();
        if (string.IsNullOrEmpty(allow) || string.Equals(allow, "any", StringComparison.OrdinalIgnoreCase))
        {
            return ignore.Length == 0 ? AllowAll : new TagFilter(null, false, ignore, null);
        }

        if (!allow.StartsWith(RegexpPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return new TagFilter(null, true, ignore, $"allow-tags '{allowTags}' is neither 'any' nor 'regexp:<expression>'; no tag is allowed.");
        }

        var pattern = allowTags!.TrimStart()[RegexpPrefix.Length..];
        return Re2Regex.TryCreate(pattern, out var regex, out var error)
            ? new TagFilter(regex, false, ignore, null)
            : new TagFilter(null, true, ignore, $"allow-tags: {error} No tag is allowed.");
    }

    /// <summary>Whether a tag passes both filters.</summary>
    /// <param name="tag">The tag name.</param>
    /// <returns><see langword="true"/> when the tag is allowed and not ignored.</returns>
    public bool IsAllowed(string tag) => Classify(tag) == TagClassification.Candidate;

    /// <summary>Tells which filter, if any, removes a tag; allow-tags is applied first.</summary>
    /// <param name="tag">The tag name.</param>
    /// <returns><see cref="TagClassification.Candidate"/>, or the filter that removes the tag.</returns>
    public TagClassification Classify(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (_allowNothing || (_allow is not null && !_allow.IsMatch(tag)))
        {
            return TagClassification.RemovedByAllowTags;
        }

        foreach (var glob in _ignore)
        {
            if (GoGlob.IsMatch(glob, tag))
            {
                return TagClassification.RemovedByIgnoreTags;
            }
        }

        return TagClassification.Candidate;
    }
}
