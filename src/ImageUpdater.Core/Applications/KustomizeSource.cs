namespace ImageUpdater.Applications;

/// <summary>The <c>kustomize</c> block of an application source.</summary>
public sealed record KustomizeSource
{
    /// <summary>Gets the image overrides (<c>kustomize.images</c>), each <c>[name=]image[:tag][@digest]</c>.</summary>
    public IReadOnlyList<string> Images { get; init; } = [];
}
