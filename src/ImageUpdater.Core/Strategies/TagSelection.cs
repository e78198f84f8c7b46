namespace ImageUpdater;

/// <summary>The outcome of a strategy: a tag, no tag (nothing qualifies), or an error for this image.</summary>
public readonly record struct TagSelection
{
    private TagSelection(TagInfo? tag, string? error)
    {
        Tag = tag;
        Error = error;
    }

    /// <summary>Gets the outcome when no candidate qualifies.</summary>
    public static TagSelection None => default;

    /// <summary>Gets the chosen tag; <see langword="null"/> when none qualifies or on error.</summary>
    public TagInfo? Tag { get; }

    /// <summary>Gets the error for this image; <see langword="null"/> on success.</summary>
    public string? Error { get; }

    /// <summary>Gets a value indicating whether the strategy failed.</summary>
    public bool IsError => Error is not null;

    /// <summary>Creates the outcome for a chosen tag.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>The outcome.</returns>
    public static TagSelection Selected(TagInfo tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return new(tag, null);
    }

    /// <summary>Creates the outcome for an error that stops this image only.</summary>
    /// <param name="error">What is wrong, naming the offending value.</param>
    /// <returns>The outcome.</returns>
    public static TagSelection Failed(string error)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new(null, error);
    }
}
