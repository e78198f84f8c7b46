namespace ImageUpdater.Strategies.Tests;

internal static class TestTags
{
    public static IReadOnlyList<TagInfo> Of(params string[] names) => names.Select(n => new TagInfo(n)).ToList();

    public static ImageUpdateSettings Semver(string? constraint = null) => new() { Constraint = constraint };
}
