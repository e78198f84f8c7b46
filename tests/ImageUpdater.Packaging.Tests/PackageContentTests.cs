using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text;

namespace ImageUpdater.Packaging.Tests;

/// <summary>What a package page and a debugger see of each src/ package: metadata, README, symbols and SourceLink.</summary>
[Collection(PackedPackagesGroup.Name)]
public sealed class PackageContentTests(PackedPackages packed)
{
    // The SourceLink entry of a portable PDB (https://github.com/dotnet/runtime/blob/main/docs/design/specs/PortablePdb-Metadata.md).
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    [Theory]
    [MemberData(nameof(BuildInfo.SourceProjectNames), MemberType = typeof(BuildInfo))]
    public void Carries_version_description_tags_licence_and_repository(string project)
    {
        var nuspec = PackedPackages.ReadNuspec(packed.Package(BuildInfo.PackageIdOf(project)));

        // 0.x pre-release until the API is declared stable, from the one VersionPrefix/VersionSuffix of build/Packaging.props.
        Assert.Matches(@"^0\.\d+\.\d+-[0-9A-Za-z.-]+$", nuspec.Version);
        Assert.False(string.IsNullOrWhiteSpace(nuspec.Description), $"{project} has no <Description>.");
        Assert.NotEqual("Package Description", nuspec.Description);
        Assert.Contains("argocd", (nuspec.Tags ?? string.Empty).Split(' '));
        Assert.Equal("expression", (string?)nuspec.License?.Attribute("type"));
        Assert.Equal("Apache-2.0", nuspec.License?.Value);
        Assert.Equal(BuildInfo.RepositoryUrl, nuspec.ProjectUrl);
        Assert.NotNull(nuspec.Repository);
        Assert.Equal("git", (string?)nuspec.Repository.Attribute("type"));
        Assert.Equal(BuildInfo.RepositoryUrl, (string?)nuspec.Repository.Attribute("url"));
        Assert.Equal(packed.Commit, (string?)nuspec.Repository.Attribute("commit"));
    }

    [Fact]
    public void All_packages_share_one_version()
    {
        var versions = BuildInfo.SourceProjects
            .Select(p => PackedPackages.ReadNuspec(packed.Package(BuildInfo.PackageIdOf(Path.GetFileNameWithoutExtension(p)))).Version)
            .Distinct()
            .ToList();

        Assert.Single(versions);
    }

    [Theory]
    [MemberData(nameof(BuildInfo.SourceProjectNames), MemberType = typeof(BuildInfo))]
    public void Has_a_readme_whose_links_work_on_a_package_page(string project)
    {
        var package = packed.Package(BuildInfo.PackageIdOf(project));
        var nuspec = PackedPackages.ReadNuspec(package);

        Assert.Equal("README.md", nuspec.Readme);
        var readme = PackedPackages.ReadText(package, "README.md");
        Assert.NotNull(readme);
        Assert.StartsWith("# ", readme, StringComparison.Ordinal);
        var relative = ReadmeLinks.Relative(readme);
        Assert.True(relative.Count == 0,
            $"src/{project}/README.md has links that break on a package page (make them {BuildInfo.RepositoryUrl}/blob/main/...): {string.Join("; ", relative)}");
    }

    [Theory]
    [MemberData(nameof(BuildInfo.SourceProjectNames), MemberType = typeof(BuildInfo))]
    public void Has_a_symbols_package_beside_it_with_sourcelink_to_the_packed_commit(string project)
    {
        var package = packed.Package(BuildInfo.PackageIdOf(project));
        var symbols = Path.ChangeExtension(package, ".snupkg");
        Assert.True(File.Exists(symbols), $"No {Path.GetFileName(symbols)} beside {Path.GetFileName(package)}.");

        using var zip = ZipFile.OpenRead(symbols);
        var pdb = zip.Entries.Where(e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(pdb);
        var sourceLink = ReadSourceLink(pdb[0]);
        var raw = BuildInfo.RepositoryUrl.Replace("https://github.com/", "https://raw.githubusercontent.com/", StringComparison.Ordinal);
        Assert.Contains($"\"{raw}/{packed.Commit}/*\"", sourceLink, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cli_is_a_dotnet_tool_with_the_image_updater_command()
    {
        var package = packed.Package("ImageUpdater.Cli");

        Assert.Contains("DotnetTool", PackedPackages.ReadNuspec(package).PackageTypes);
        using var zip = ZipFile.OpenRead(package);
        var settings = zip.Entries.Single(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        using var reader = new StreamReader(settings.Open());
        Assert.Contains("Name=\"image-updater\"", reader.ReadToEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BuildInfo.LibraryProjectNames), MemberType = typeof(BuildInfo))]
    public void Libraries_carry_their_xml_documentation(string project)
    {
        using var zip = ZipFile.OpenRead(packed.Package(BuildInfo.PackageIdOf(project)));

        Assert.Contains(zip.Entries, e => e.FullName == $"lib/net10.0/{project}.xml");
    }

    private static string ReadSourceLink(ZipArchiveEntry pdbEntry)
    {
        using var stream = new MemoryStream();
        using (var entry = pdbEntry.Open())
        {
            entry.CopyTo(stream);
        }

        stream.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(stream);
        var reader = provider.GetMetadataReader();
        foreach (var handle in reader.CustomDebugInformation)
        {
            var information = reader.GetCustomDebugInformation(handle);
            if (reader.GetGuid(information.Kind) == SourceLinkKind)
            {
                return Encoding.UTF8.GetString(reader.GetBlobBytes(information.Value));
            }
        }

        Assert.Fail($"{pdbEntry.FullName} has no SourceLink.");
        return string.Empty;
    }
}
