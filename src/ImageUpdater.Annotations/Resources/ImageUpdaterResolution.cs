using ImageUpdater.Policies;

namespace ImageUpdater.Annotations;

/// <summary>What one <c>ImageUpdater</c> resource selects: a result per matched application, or the resource's own errors.</summary>
public sealed record ImageUpdaterResolution
{
    /// <summary>Gets the resource.</summary>
    public required ImageUpdaterResource Resource { get; init; }

    /// <summary>Gets the resource's errors; when any, no application is selected.</summary>
    public IReadOnlyList<ConfigurationException> Errors { get; init; } = [];

    /// <summary>Gets the warnings that did not stop the resource (an invalid label selector matches nothing).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Gets one result per application matched by a rule, in the order the applications were given.</summary>
    public IReadOnlyList<ApplicationPolicyResult> Applications { get; init; } = [];

    /// <summary>Gets a value indicating whether the resource itself is valid.</summary>
    public bool IsValid => Errors.Count == 0;
}
