using System.Reflection;

namespace ImageUpdater.Packaging.Tests;

/// <summary>Where this test build's sources and outputs are, as recorded by the project file at build time.</summary>
internal static class BuildInfo
{
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string Configuration { get; } = Metadata("Configuration");

    public static string ArtifactsPath { get; } = Metadata("ArtifactsPath");

    /// <summary>The canonical repository URL defined once in build/Packaging.props.</summary>
    public static string RepositoryUrl { get; } = Metadata("RepositoryUrl");

    /// <summary>Every project under src/, each of which is a package.</summary>
    public static IReadOnlyList<string> SourceProjects { get; } =
        [.. Directory.GetDirectories(Path.Combine(RepositoryRoot, "src"))
            .SelectMany(d => Directory.GetFiles(d, "*.csproj"))
            .Order(StringComparer.Ordinal)];

    /// <summary>The projects under src/ that are libraries (not executables or tools): those whose public API is tracked.</summary>
    public static IReadOnlyList<string> LibraryProjects { get; } =
        [.. SourceProjects.Where(p => !IsExecutable(File.ReadAllText(p)))];

    public static TheoryData<string> SourceProjectNames() => [.. SourceProjects.Select(Path.GetFileNameWithoutExtension).OfType<string>()];

    public static TheoryData<string> LibraryProjectNames() => [.. LibraryProjects.Select(Path.GetFileNameWithoutExtension).OfType<string>()];

    public static string ProjectPath(string name) => SourceProjects.Single(p => Path.GetFileNameWithoutExtension(p) == name);

    /// <summary>The package id a project packs as: its <c>PackageId</c>, or else its file name.</summary>
    public static string PackageIdOf(string projectName)
    {
        var text = File.ReadAllText(ProjectPath(projectName));
        var start = text.IndexOf("<PackageId>", StringComparison.Ordinal);
        return start < 0
            ? projectName
            : text[(start + "<PackageId>".Length)..text.IndexOf("</PackageId>", start, StringComparison.Ordinal)].Trim();
    }

    private static bool IsExecutable(string projectText) =>
        projectText.Contains("<OutputType>Exe</OutputType>", StringComparison.OrdinalIgnoreCase)
        || projectText.Contains("<PackAsTool>true</PackAsTool>", StringComparison.OrdinalIgnoreCase);

    private static string Metadata(string key) =>
        typeof(BuildInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly has no '{key}' metadata: see ImageUpdater.Packaging.Tests.csproj.");
}
