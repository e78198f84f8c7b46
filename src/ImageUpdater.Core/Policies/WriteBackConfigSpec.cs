namespace ImageUpdater.Policies;

/// <summary>
/// Write-back settings as the <c>ImageUpdater</c> resource writes them (<c>writeBackConfig</c>) and as annotations
/// produce them. A <see langword="null"/> field inherits from the level above.
/// </summary>
public sealed record WriteBackConfigSpec
{
    /// <summary>Gets the method: <c>argocd</c>, <c>git</c> or <c>git:&lt;credentials&gt;</c>.</summary>
    public string? Method { get; init; }

    /// <summary>Gets the Git settings (<c>gitConfig</c>).</summary>
    public GitConfigSpec? GitConfig { get; init; }

    /// <summary>Merges a global and a more specific level field by field; the specific level's non-null fields win.</summary>
    /// <param name="global">The general level.</param>
    /// <param name="specific">The specific level.</param>
    /// <returns>The merged settings; <see langword="null"/> when both are.</returns>
    internal static WriteBackConfigSpec? Merge(WriteBackConfigSpec? global, WriteBackConfigSpec? specific)
    {
        if (global is null || specific is null)
        {
            return specific ?? global;
        }

        GitConfigSpec? git = global.GitConfig;
        if (specific.GitConfig is { } overrides)
        {
            git = new GitConfigSpec
            {
                Repository = overrides.Repository ?? git?.Repository,
                Branch = overrides.Branch ?? git?.Branch,
                WriteBackTarget = overrides.WriteBackTarget ?? git?.WriteBackTarget,
            };
        }

        return new WriteBackConfigSpec { Method = specific.Method ?? global.Method, GitConfig = git };
    }
}

/// <summary>Git settings of a write-back (<c>writeBackConfig.gitConfig</c>).</summary>
public sealed record GitConfigSpec
{
    /// <summary>Gets the repository to commit to (<c>repository</c>).</summary>
    public string? Repository { get; init; }

    /// <summary>Gets the branch: <c>branch</c>, <c>base:target</c> or <c>:target</c> (<c>branch</c>).</summary>
    public string? Branch { get; init; }

    /// <summary>Gets the target file (<c>writeBackTarget</c>).</summary>
    public string? WriteBackTarget { get; init; }
}
