using ImageUpdater.Applications;
using ImageUpdater.WriteBack.Git.Applications;

namespace ImageUpdater.WriteBack.Git.Tests.Applications;

public sealed class ApplicationFileEditorTests
{
    private static readonly HelmParameter Replicas = new("replicas", "2");

    public static TheoryData<string, string, string, int, ApplicationSource> Cases => new()
    {
        { "helm-parameters", "shop", "argocd", -1, Helm(Replicas, new("image.tag", "1.1", true), new("image.name", "ghcr.io/acme/web", true)) },
        { "helm-without-helm-block", "web", "", -1, Helm(new("image.name", "nginx", true), new("image.tag", "1.27", true)) },
        { "kustomize", "api", "team-a", -1, Kustomize("redis:7", "api=ghcr.io/acme/api:1.1", "ghcr.io/acme/sidecar:2.0") },
        { "multi-source", "multi", "", 1, Kustomize("nginx:1.27") },
        { "multi-document", "shop", "argocd", -1, Helm(new("image.tag", "1.1", true), new("image.name", "nginx", true)) },
        { "comments-crlf", "legacy", "", -1, Helm(new("image.tag", "1.0.1", true), new("image.name", "nginx", true)) },
    };

    private static ApplicationSource Helm(params HelmParameter[] parameters) => new() { Helm = new HelmSource { Parameters = parameters } };

    private static ApplicationSource Kustomize(params string[] images) => new() { Kustomize = new KustomizeSource { Images = images } };

    internal static string Golden(string name) => YamlFileText(Path.Combine(AppContext.BaseDirectory, "Applications", "golden", name));

    private static string YamlFileText(string path) => ImageUpdater.WriteBack.Git.Editing.YamlFile.ReadText(path);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Only_the_changed_values_and_the_added_items_differ(string name, string app, string ns, int index, ApplicationSource source)
    {
        var input = Golden(name + ".input.yaml");

        var edited = ApplicationFileEditor.ReplaceSource(input, name + ".yaml", new ArgoApplication { Name = app, Namespace = ns }, index, source);

        Assert.Equal(Golden(name + ".golden.yaml"), edited);
    }

    [Fact]
    public void Values_already_held_leave_the_text_as_it_is()
    {
        var golden = Golden("helm-parameters.golden.yaml");
        var source = Helm(Replicas, new("image.tag", "1.1", true), new("image.name", "ghcr.io/acme/web", true));

        Assert.Same(golden, ApplicationFileEditor.ReplaceSource(golden, "shop.yaml", new ArgoApplication { Name = "shop", Namespace = "argocd" }, -1, source));
    }

    [Theory]
    [InlineData("nobody", "argocd", -1, "apps/shop.yaml: The file holds no Application argocd/nobody; expected exactly one.")]
    [InlineData("shop", "argocd", 0, "apps/shop.yaml:1:1: Application argocd/shop: key 'spec.sources[0]': The application has no such source.")]
    public void A_missing_application_or_source_is_an_error_naming_the_file(string app, string ns, int index, string message)
    {
        var error = Assert.Throws<ConfigurationException>(() => ApplicationFileEditor.ReplaceSource(
            Golden("helm-parameters.input.yaml"), "apps/shop.yaml", new ArgoApplication { Name = app, Namespace = ns }, index, Helm(Replicas)));

        Assert.Equal(message, error.Message);
    }
}
