using ImageUpdater.WriteBack.Git.Editing;

namespace ImageUpdater.WriteBack.Git.Tests.Editing;

// Targets come from annotations that anyone who can edit an Application controls: none may write outside the checkout.
public sealed class TargetPathTests : IDisposable
{
    private const string Values = "image:\n  name: ghcr.io/acme/web\n  tag: 1.0.0\n";

    private static readonly ImageEdit Web = new() { ImageName = "ghcr.io/acme/web", Tag = "1.2.0" };

    private readonly string _work = Directory.CreateTempSubdirectory("editors-").FullName;
    private readonly string _checkout;
    private readonly string _outside;

    public TargetPathTests()
    {
        _checkout = Directory.CreateDirectory(Path.Combine(_work, "checkout", "apps", "web")).Parent!.Parent!.FullName;
        _outside = Directory.CreateDirectory(Path.Combine(_work, "outside")).FullName;
        File.WriteAllText(Path.Combine(_outside, "values.yaml"), Values);
        File.WriteAllText(Path.Combine(_checkout, "apps", "web", "values.yaml"), Values);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Theory]
    [InlineData("../../../outside/values.yaml")]
    [InlineData("/../outside/values.yaml")]
    [InlineData("//etc/values.yaml")]
    [InlineData("sub/../../../../outside/values.yaml")]
    public void A_target_leaving_the_checkout_is_an_error_and_nothing_is_written(string target)
    {
        var error = Assert.Throws<ConfigurationException>(() => EditValues(target));

        Assert.Contains($"'{target}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(Values, File.ReadAllText(Path.Combine(_outside, "values.yaml")));
    }

    [Fact]
    public void A_symbolic_link_pointing_out_of_the_checkout_is_an_error_and_nothing_is_written()
    {
        File.CreateSymbolicLink(Path.Combine(_checkout, "apps", "web", "linked.yaml"), Path.Combine(_outside, "values.yaml"));
        Directory.CreateSymbolicLink(Path.Combine(_checkout, "apps", "shared"), _outside);

        var file = Assert.Throws<ConfigurationException>(() => EditValues("linked.yaml"));
        var directory = Assert.Throws<ConfigurationException>(() => EditValues("../shared/values.yaml"));

        Assert.Contains("symbolic link", file.Message, StringComparison.Ordinal);
        Assert.Contains("symbolic link", directory.Message, StringComparison.Ordinal);
        Assert.Equal(Values, File.ReadAllText(Path.Combine(_outside, "values.yaml")));
    }

    [Fact]
    public void A_symbolic_link_inside_the_checkout_is_followed()
    {
        File.CreateSymbolicLink(Path.Combine(_checkout, "apps", "web", "linked.yaml"), "values.yaml");

        Assert.True(EditValues("linked.yaml"));

        Assert.Contains("tag: 1.2.0", File.ReadAllText(Path.Combine(_checkout, "apps", "web", "values.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_leading_slash_is_relative_to_the_repository_root_and_an_unchanged_file_is_not_written()
    {
        var path = Path.Combine(_checkout, "apps", "web", "values.yaml");
        Assert.True(EditValues("/apps/web/values.yaml"));
        var written = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, written.AddHours(-1));

        Assert.False(EditValues("values.yaml"));

        Assert.Equal(written.AddHours(-1), File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Unparseable_yaml_is_an_error_naming_the_file_and_line_and_nothing_is_written()
    {
        const string Broken = "image:\n  name: ghcr.io/acme/web\n  tag: [1.0.0\n";
        var path = Path.Combine(_checkout, "apps", "web", "values.yaml");
        File.WriteAllText(path, Broken);

        var error = Assert.Throws<ConfigurationException>(() => EditValues("values.yaml"));

        Assert.StartsWith("apps/web/values.yaml:", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Location.Line);
        Assert.Equal(Broken, File.ReadAllText(path));
    }

    [Fact]
    public void Markers_are_set_in_every_yaml_file_under_the_target_and_a_broken_one_stops_all_writes()
    {
        var manifests = Directory.CreateDirectory(Path.Combine(_checkout, "apps", "web", "manifests", "nested")).Parent!.FullName;
        const string Marked = "image: ghcr.io/acme/web:1.0.0 # {\"$imagepolicy\": \"web\"}\n";
        File.WriteAllText(Path.Combine(manifests, "a.yaml"), Marked);
        File.WriteAllText(Path.Combine(manifests, "nested", "b.yml"), Marked);
        File.WriteAllText(Path.Combine(manifests, "notes.txt"), Marked);
        ImageEdit[] images = [Web with { Alias = "web" }];

        var written = TargetFile.EditAll(_checkout, "apps/web", "manifests", (text, file) => MarkerEditor.Edit(text, file, images, null));

        Assert.Equal(["apps/web/manifests/a.yaml", "apps/web/manifests/nested/b.yml"], written);
        Assert.Contains("ghcr.io/acme/web:1.2.0 #", File.ReadAllText(Path.Combine(manifests, "nested", "b.yml")), StringComparison.Ordinal);
        Assert.Equal(Marked, File.ReadAllText(Path.Combine(manifests, "notes.txt")));

        File.WriteAllText(Path.Combine(manifests, "a.yaml"), Marked);
        File.WriteAllText(Path.Combine(manifests, "z.yaml"), "a: [\n");
        Assert.Throws<ConfigurationException>(() => TargetFile.EditAll(_checkout, "apps/web", "manifests", (text, file) => MarkerEditor.Edit(text, file, images, null)));
        Assert.Equal(Marked, File.ReadAllText(Path.Combine(manifests, "a.yaml")));
    }

    [Fact]
    public void A_marker_file_linked_from_outside_is_an_error_and_nothing_is_written()
    {
        var manifests = Directory.CreateDirectory(Path.Combine(_checkout, "apps", "web", "manifests")).FullName;
        const string Marked = "image: ghcr.io/acme/web:1.0.0 # {\"$imagepolicy\": \"web\"}\n";
        File.WriteAllText(Path.Combine(manifests, "a.yaml"), Marked);
        File.WriteAllText(Path.Combine(_outside, "marked.yaml"), Marked);
        File.CreateSymbolicLink(Path.Combine(manifests, "b.yaml"), Path.Combine(_outside, "marked.yaml"));
        ImageEdit[] images = [Web with { Alias = "web" }];

        Assert.Throws<ConfigurationException>(() => TargetFile.EditAll(_checkout, "apps/web", "manifests", (text, file) => MarkerEditor.Edit(text, file, images, null)));

        Assert.Equal(Marked, File.ReadAllText(Path.Combine(_outside, "marked.yaml")));
        Assert.Equal(Marked, File.ReadAllText(Path.Combine(manifests, "a.yaml")));
    }

    private bool EditValues(string target) =>
        TargetFile.Edit(_checkout, "apps/web", target, (text, file) => HelmValuesEditor.Edit(text, file, [Web]));
}
