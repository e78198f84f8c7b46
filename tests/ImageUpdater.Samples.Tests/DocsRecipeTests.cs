using System.Text.RegularExpressions;

namespace ImageUpdater.Samples.Tests;

/// <summary>
/// docs/embedding.md shows the recipes as they are compiled: each block that follows an
/// <c>&lt;!-- include: PATH --&gt;</c> line must equal that file, and every recipe file must be shown.
/// </summary>
public sealed partial class DocsRecipeTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string> Pages => ["docs/embedding.md"];

    [Theory]
    [MemberData(nameof(Pages))]
    public void Each_included_block_equals_its_file(string page)
    {
        var includes = Includes(page);

        Assert.NotEmpty(includes);
        foreach (var (path, block) in includes)
        {
            var file = File.ReadAllText(Path.Combine(Root, path)).ReplaceLineEndings("\n");
            Assert.True(file == block, $"{page}: the block after 'include: {path}' differs from the file; copy the file into the page.");
        }
    }

    [Fact]
    public void Every_recipe_is_shown_in_the_embedding_page()
    {
        var shown = Includes("docs/embedding.md").Select(static i => i.Path).ToHashSet(StringComparer.Ordinal);
        var recipes = Directory.GetFiles(Path.Combine(Root, "samples/ImageUpdater.Samples.Embedding/Recipes"), "*.cs")
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'));

        Assert.All(recipes, recipe => Assert.Contains(recipe, shown));
    }

    private static List<(string Path, string Block)> Includes(string page)
    {
        var text = File.ReadAllText(Path.Combine(Root, page)).ReplaceLineEndings("\n");
        return IncludePattern().Matches(text).Select(static m => (m.Groups["path"].Value, m.Groups["code"].Value)).ToList();
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ImageUpdater.Core.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("ImageUpdater.Core.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"<!-- include: (?<path>\S+) -->\n```csharp\n(?<code>.*?)```\n", RegexOptions.Singleline)]
    private static partial Regex IncludePattern();
}
