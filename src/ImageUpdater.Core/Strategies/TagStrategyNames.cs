namespace ImageUpdater;

/// <summary>The canonical names of the built-in tag strategies and their deprecated aliases.</summary>
public static class TagStrategyNames
{
    /// <summary>Highest semantic version satisfying the constraint (the default).</summary>
    public const string Semver = "semver";

    /// <summary>Most recently built image.</summary>
    public const string NewestBuild = "newest-build";

    /// <summary>Last tag in ordinal order.</summary>
    public const string Alphabetical = "alphabetical";

    /// <summary>Tracks the digest of one mutable tag.</summary>
    public const string Digest = "digest";

    /// <summary>Largest tag read as a number.</summary>
    public const string Numerical = "numerical";

    /// <summary>Deprecated alias of <see cref="NewestBuild"/>.</summary>
    public const string LatestAlias = "latest";

    /// <summary>Deprecated alias of <see cref="Alphabetical"/>.</summary>
    public const string NameAlias = "name";
}
