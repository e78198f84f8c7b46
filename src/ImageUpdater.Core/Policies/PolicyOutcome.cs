namespace ImageUpdater.Policies;

/// <summary>What reading an application's configuration produced.</summary>
public enum PolicyOutcome
{
    /// <summary>A policy: the application is updated.</summary>
    Ready,

    /// <summary>The configuration is invalid; the errors say why. The application is skipped, others go on.</summary>
    Rejected,

    /// <summary>The application is not managed (not annotated, matched by no reference, unsupported source type).</summary>
    Ignored,
}
