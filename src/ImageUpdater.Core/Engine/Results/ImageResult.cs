namespace ImageUpdater.Engine;

/// <summary>What a cycle did for one image of an application.</summary>
public sealed record ImageResult
{
    /// <summary>Gets the image's alias (empty when it has none).</summary>
    public string Alias { get; init; } = string.Empty;

    /// <summary>Gets the configured image, without its constraint (<c>[registry/]name</c>).</summary>
    public required string Image { get; init; }

    /// <summary>Gets the image the application runs now, or <see langword="null"/> when it does not run it.</summary>
    public string? Current { get; init; }

    /// <summary>Gets the image the strategy chose, or <see langword="null"/> when no tag qualified or resolution failed.</summary>
    public string? Selected { get; init; }

    /// <summary>Gets a value indicating whether the image was changed (or would be, in a dry run).</summary>
    public bool Updated { get; init; }

    /// <summary>Gets why the image was not updated, or what was done.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets the warnings about the image's configuration.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Gets the failure, or <see langword="null"/>.</summary>
    public UpdateError? Error { get; init; }
}
