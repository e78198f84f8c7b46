namespace ImageUpdater.Packaging.Tests;

/// <summary>
/// Every library package in src/ tracks its public API (build/PublicApi.targets turns the analyzer on only where the
/// files exist), and the files are in the form scripts/update-public-api.sh writes, so a rerun changes nothing.
/// </summary>
public sealed class PublicApiFilesTests
{
    private const string Header = "#nullable enable";

    [Theory]
    [MemberData(nameof(BuildInfo.LibraryProjectNames), MemberType = typeof(BuildInfo))]
    public void Tracks_its_public_api_in_sorted_files(string project)
    {
        var folder = Path.GetDirectoryName(BuildInfo.ProjectPath(project))!;
        foreach (var name in new[] { "PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt" })
        {
            var path = Path.Combine(folder, name);
            Assert.True(File.Exists(path), $"src/{project}/{name} is missing: run scripts/update-public-api.sh and commit what it writes.");
            var text = File.ReadAllText(path);
            Assert.DoesNotContain('\r', text);
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(Header, lines[0]);
            var entries = lines[1..];
            Assert.Equal(entries.Order(StringComparer.Ordinal).Distinct(), entries);
        }
    }

    [Fact]
    public void The_command_line_tool_is_not_tracked()
    {
        var cli = Path.GetDirectoryName(BuildInfo.ProjectPath("ImageUpdater.Cli"))!;

        Assert.DoesNotContain(BuildInfo.ProjectPath("ImageUpdater.Cli"), BuildInfo.LibraryProjects);
        Assert.False(File.Exists(Path.Combine(cli, "PublicAPI.Unshipped.txt")));
    }
}
