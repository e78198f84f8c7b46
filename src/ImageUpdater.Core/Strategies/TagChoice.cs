namespace ImageUpdater;

/// <summary>A strategy's choice among candidates, and how many it set aside.</summary>
/// <param name="Selection">The chosen tag, no tag, or the error for this image.</param>
/// <param name="Unparseable">How many candidates the strategy could not read (not a version for semver).</param>
/// <param name="OutsideConstraint">How many candidates were readable but outside the constraint.</param>
public readonly record struct TagChoice(TagSelection Selection, int Unparseable = 0, int OutsideConstraint = 0);
