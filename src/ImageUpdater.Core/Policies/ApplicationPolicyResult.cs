using ImageUpdater.Applications;

namespace ImageUpdater.Policies;

/// <summary>The outcome for one application: a policy, the errors that rejected it, or why it is not managed.</summary>
public sealed record ApplicationPolicyResult
{
    private ApplicationPolicyResult(ArgoApplication application, PolicyOutcome outcome)
    {
        Application = application;
        Outcome = outcome;
    }

    /// <summary>Gets the application.</summary>
    public ArgoApplication Application { get; }

    /// <summary>Gets the outcome.</summary>
    public PolicyOutcome Outcome { get; }

    /// <summary>Gets the policy when <see cref="Outcome"/> is <see cref="PolicyOutcome.Ready"/>.</summary>
    public ApplicationUpdatePolicy? Policy { get; private init; }

    /// <summary>Gets the errors when <see cref="Outcome"/> is <see cref="PolicyOutcome.Rejected"/>; each names where it is.</summary>
    public IReadOnlyList<ConfigurationException> Errors { get; private init; } = [];

    /// <summary>Gets why the application is not managed when <see cref="Outcome"/> is <see cref="PolicyOutcome.Ignored"/>.</summary>
    public string? Reason { get; private init; }

    /// <summary>Creates a result carrying a policy.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>The result.</returns>
    public static ApplicationPolicyResult Ready(ApplicationUpdatePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new(policy.Application, PolicyOutcome.Ready) { Policy = policy };
    }

    /// <summary>Creates a result for an application whose configuration is invalid.</summary>
    /// <param name="application">The application.</param>
    /// <param name="errors">The errors; at least one.</param>
    /// <returns>The result.</returns>
    public static ApplicationPolicyResult Rejected(ArgoApplication application, IReadOnlyList<ConfigurationException> errors)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A rejection needs at least one error.", nameof(errors));
        }

        return new(application, PolicyOutcome.Rejected) { Errors = errors };
    }

    /// <summary>Creates a result for an application that is not managed.</summary>
    /// <param name="application">The application.</param>
    /// <param name="reason">Why.</param>
    /// <returns>The result.</returns>
    public static ApplicationPolicyResult Ignored(ArgoApplication application, string reason)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new(application, PolicyOutcome.Ignored) { Reason = reason };
    }

    /// <summary>Renders the application and the outcome, with the reason or the first error.</summary>
    /// <returns>A one-line summary.</returns>
    public override string ToString() => Outcome switch
    {
        PolicyOutcome.Ready => $"{Application.DisplayName}: {Policy!.Images.Count} image(s) from {Policy.Origin}",
        PolicyOutcome.Rejected => $"{Application.DisplayName}: rejected: {Errors[0].Message}",
        _ => $"{Application.DisplayName}: ignored: {Reason}",
    };
}
