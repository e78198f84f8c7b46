namespace ImageUpdater.Engine;

/// <summary>
/// How many of a repository's tags each step of the selection removed, so that "no tag qualifies" can say why.
/// </summary>
public sealed record TagFunnel
{
    /// <summary>Gets a funnel with every count zero.</summary>
    public static TagFunnel Empty { get; } = new();

    /// <summary>Gets the number of tags the registry listed.</summary>
    public int Listed { get; init; }

    /// <summary>Gets the number removed because <c>allow-tags</c> did not match them.</summary>
    public int RemovedByAllowTags { get; init; }

    /// <summary>Gets the number removed because an <c>ignore-tags</c> pattern matched them.</summary>
    public int RemovedByIgnoreTags { get; init; }

    /// <summary>Gets the number removed because no image for a wanted platform was found under them.</summary>
    public int RemovedByPlatform { get; init; }

    /// <summary>Gets the number the strategy could not read (not a version for semver, not a number for numerical).</summary>
    public int Unparseable { get; init; }

    /// <summary>Gets the number outside the constraint (semver) or not the watched tag (digest).</summary>
    public int OutsideConstraint { get; init; }

    /// <summary>Gets the number that remained as candidates for the strategy.</summary>
    public int Candidates { get; init; }

    /// <summary>Describes the funnel in one line, as "no tag qualified" messages show it.</summary>
    /// <returns>For example <c>12 tags listed, 3 removed by allow-tags, 9 outside the constraint</c>.</returns>
    public override string ToString()
    {
        var parts = new List<string>(7) { Listed == 1 ? "1 tag listed" : $"{Listed} tags listed" };
        Add(RemovedByAllowTags, "removed by allow-tags");
        Add(RemovedByIgnoreTags, "removed by ignore-tags");
        Add(RemovedByPlatform, "without an image for the wanted platforms");
        Add(Unparseable, "not readable by the strategy");
        Add(OutsideConstraint, "outside the constraint");
        return string.Join(", ", parts);

        void Add(int count, string what)
        {
            if (count > 0)
            {
                parts.Add($"{count} {what}");
            }
        }
    }
}
