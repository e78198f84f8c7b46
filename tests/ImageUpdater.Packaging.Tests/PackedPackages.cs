using System.IO.Compression;
using System.Security;
using System.Xml.Linq;
using ImageUpdater.Testing;

namespace ImageUpdater.Packaging.Tests;

/// <summary>
/// Every src/ project packed once into a temporary folder, from the outputs of this test build (<c>NoBuild</c>), as
/// `dotnet pack` would for a release: one .nupkg and one .snupkg per package.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new("packages-");

    /// <summary>Gets the folder holding the .nupkg and .snupkg files.</summary>
    public string Folder => Path.Combine(_folder.Path, "packages");

    /// <summary>Gets the commit the packages were built from, as git reports it.</summary>
    public string Commit { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var (gitExit, head, gitAll) = await ProcessRunner.RunAsync("git", ["rev-parse", "HEAD"], BuildInfo.RepositoryRoot, TimeSpan.FromMinutes(1));
        Assert.True(gitExit == 0, "git rev-parse HEAD failed: " + gitAll);
        Commit = head.Trim();

        // One MSBuild run packs them all: far cheaper than one `dotnet pack` process per project.
        var properties = $"NoBuild=true;Configuration={BuildInfo.Configuration};PackageOutputPath={Folder}/";
        if (BuildInfo.ArtifactsPath.Length > 0)
        {
            properties += $";ArtifactsPath={BuildInfo.ArtifactsPath}";
        }

        var traversal = new XElement("Project",
            new XElement("ItemGroup", BuildInfo.SourceProjects.Select(p => new XElement("PackageProject", new XAttribute("Include", p)))),
            new XElement("Target", new XAttribute("Name", "PackAll"),
                new XElement("MSBuild",
                    new XAttribute("Projects", "@(PackageProject)"),
                    new XAttribute("Targets", "Pack"),
                    new XAttribute("Properties", SecurityElement.Escape(properties)))));
        var project = _folder.WriteFile("pack.proj", traversal.ToString());

        var (exitCode, _, output) = await ProcessRunner.RunAsync(
            ProcessRunner.DotNet, ["msbuild", project, "-t:PackAll", "-nologo", "-v:m", "-nodeReuse:false"], _folder.Path, TimeSpan.FromMinutes(4));
        Assert.True(exitCode == 0, "Packing the src/ projects failed:\n" + output);
    }

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The .nupkg of a package id (exactly one must exist).</summary>
    public string Package(string packageId)
    {
        var matches = Directory.GetFiles(Folder, "*.nupkg").Where(f => ReadNuspec(f).Id == packageId).ToList();
        Assert.True(matches.Count == 1, $"Expected one package {packageId} in {Folder}, found: {string.Join(", ", Directory.GetFiles(Folder).Select(Path.GetFileName))}");
        return matches[0];
    }

    /// <summary>Reads the manifest of a package.</summary>
    public static Nuspec ReadNuspec(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entry = zip.Entries.Single(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = entry.Open();
        return new Nuspec(XDocument.Load(stream));
    }

    /// <summary>Reads one file of a package as text, or null when the package has no such file.</summary>
    public static string? ReadText(string nupkg, string path)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entry = zip.GetEntry(path);
        if (entry is null)
        {
            return null;
        }

        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
