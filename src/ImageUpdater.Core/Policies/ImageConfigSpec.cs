namespace ImageUpdater.Policies;

/// <summary>One image of an application reference (<c>applicationRefs[].images[]</c>).</summary>
public sealed record ImageConfigSpec
{
    /// <summary>Gets the alias; the resource requires one matching <c>^[a-zA-Z0-9][a-zA-Z0-9-._]*$</c>.</summary>
    public string Alias { get; init; } = string.Empty;

    /// <summary>Gets the image; its tag part is the version constraint.</summary>
    public string ImageName { get; init; } = string.Empty;

    /// <summary>Gets the image's own settings, layered over the reference's.</summary>
    public CommonUpdateSettingsSpec? CommonUpdateSettings { get; init; }

    /// <summary>Gets where the image is written.</summary>
    public ManifestTargetSpec? ManifestTargets { get; init; }
}
