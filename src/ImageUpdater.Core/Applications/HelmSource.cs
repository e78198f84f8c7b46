namespace ImageUpdater.Applications;

/// <summary>The <c>helm</c> block of an application source.</summary>
public sealed record HelmSource
{
    /// <summary>Gets the parameters (<c>helm.parameters</c>), in the order written.</summary>
    public IReadOnlyList<HelmParameter> Parameters { get; init; } = [];

    /// <summary>Gets the values files (<c>helm.valueFiles</c>), in the order written.</summary>
    public IReadOnlyList<string> ValueFiles { get; init; } = [];
}

/// <summary>A Helm parameter override (<c>helm.parameters[]</c>).</summary>
/// <param name="Name">The dotted value key, such as <c>image.tag</c>.</param>
/// <param name="Value">The value.</param>
/// <param name="ForceString">Whether Helm must treat the value as a string (<c>forceString</c>).</param>
public sealed record HelmParameter(string Name, string Value, bool ForceString = false);
