using ImageUpdater.Policies;

namespace ImageUpdater.Engine;

/// <summary>The policies of one cycle.</summary>
public sealed record UpdatePolicySet
{
    /// <summary>Gets an empty set.</summary>
    public static UpdatePolicySet Empty { get; } = new();

    /// <summary>Gets one result per application the configuration names.</summary>
    public IReadOnlyList<ApplicationPolicyResult> Applications { get; init; } = [];

    /// <summary>Gets the problems that belong to no single application (an unreadable file, an invalid resource).</summary>
    public IReadOnlyList<ConfigurationException> Errors { get; init; } = [];

    /// <summary>Gets warnings that belong to no single application.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
