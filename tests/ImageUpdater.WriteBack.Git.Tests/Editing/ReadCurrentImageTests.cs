using ImageUpdater.WriteBack.Git.Editing;

namespace ImageUpdater.WriteBack.Git.Tests.Editing;

// File mode asks the editors what an application runs when the Application has no status.
public sealed class ReadCurrentImageTests
{
    private static readonly ImageEdit Web = new() { Alias = "web", ImageName = "ghcr.io/acme/web", Tag = "9.9.9", HelmImageNameKey = "image.name", HelmImageTagKey = "image.tag", KustomizeImageName = "web" };

    [Fact]
    public void Helm_values_give_name_and_tag_or_nothing_when_a_key_is_missing()
    {
        var found = HelmValuesEditor.Read("image:\n  name: ghcr.io/acme/web\n  tag: \"1.0.0\"\n", "values.yaml", [Web, Web with { HelmImageTagKey = "other.tag" }]);

        Assert.Equal(["ghcr.io/acme/web:1.0.0", null], found.Select(f => f.Reference));
    }

    [Fact]
    public void A_kustomization_gives_new_name_tag_and_digest()
    {
        var found = KustomizationEditor.Read("images:\n- name: web\n  newName: ghcr.io/acme/web\n  newTag: 1.0.0\n  digest: sha256:abc\n", "kustomization.yaml", [Web]);

        Assert.Equal("ghcr.io/acme/web:1.0.0@sha256:abc", Assert.Single(found).Reference);
    }

    [Fact]
    public void Markers_give_the_full_reference_or_its_parts()
    {
        const string Text = "a: ghcr.io/acme/web # {\"$imagepolicy\": \"web:name\"}\nb: '1.0.0' # {\"$imagepolicy\": \"web:tag\"}\n";

        Assert.Equal("ghcr.io/acme/web:1.0.0", Assert.Single(MarkerEditor.Read(Text, "m.yaml", [Web], null)).Reference);
    }

    [Fact]
    public void An_override_file_gives_the_helm_parameters_or_the_kustomize_image()
    {
        var helm = OverrideFileEditor.Read("helm:\n  parameters:\n  - name: image.name\n    value: ghcr.io/acme/web\n  - name: image.tag\n    value: 1.0.0\n", "o.yaml", [Web]);
        var kustomize = OverrideFileEditor.Read("kustomize:\n  images:\n  - web=ghcr.io/acme/web:1.0.0\n", "o.yaml", [Web]);

        Assert.Equal("ghcr.io/acme/web:1.0.0", Assert.Single(helm).Reference);
        Assert.Equal("ghcr.io/acme/web:1.0.0", Assert.Single(kustomize).Reference);
    }

    [Theory]
    [InlineData("argocd", "argocd", ".argocd-source-web.yaml")]
    [InlineData("team-a", "argocd", ".argocd-source-team-a_web.yaml")]
    [InlineData(null, "argocd", ".argocd-source-web.yaml")]
    [InlineData("team-a", "default", ".argocd-source-web.yaml")]
    public void The_override_file_name_carries_the_namespace_only_when_it_differs_from_the_controllers(string? appNamespace, string controller, string expected)
    {
        Assert.Equal(expected, OverrideFileEditor.FileName("web", appNamespace, controller));
    }

    [Fact]
    public void A_malformed_marker_is_an_error_naming_the_file_and_line()
    {
        var error = Assert.Throws<ConfigurationException>(() => MarkerEditor.Edit("a: 1\nb: x # {\"$imagepolicy\": \"a:b:c:d\"}\n", "m.yaml", [Web], null));

        Assert.StartsWith("m.yaml:2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_helm_key_that_meets_a_mapping_is_an_error_naming_the_key()
    {
        var error = Assert.Throws<ConfigurationException>(() => HelmValuesEditor.Edit("image:\n  tag:\n    x: 1\n  name: a\n", "values.yaml", [Web]));

        Assert.Contains("'image.tag'", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("values.yaml:3", error.Message, StringComparison.Ordinal);
    }
}
