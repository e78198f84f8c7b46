using ImageUpdater.Applications;
using ImageUpdater.Engine;
using ImageUpdater.Policies;

namespace ImageUpdater.Core.Tests.Engine;

public sealed class ApplicationImageSetterTests
{
    private static ImageChange Change(string configured, string next, ImageManifestTarget? target = null) => new()
    {
        Image = new ImageUpdatePolicy(ImageReference.Parse(configured), ImageUpdateSettings.Default, target ?? ImageManifestTarget.Default),
        New = ImageReference.Parse(next),
        Selected = new TagInfo(ImageReference.Parse(next).Tag ?? "latest"),
    };

    [Fact]
    public void Helm_name_and_tag_parameters_default_to_image_name_and_image_tag_and_are_forced_strings()
    {
        var parameters = ApplicationImageSetter.HelmParameters(Change("ghcr.io/acme/web", "ghcr.io/acme/web:1.10"));

        Assert.Equal(
            [new HelmParameter("image.name", "ghcr.io/acme/web", true), new HelmParameter("image.tag", "1.10", true)],
            parameters);
    }

    [Fact]
    public void A_helm_spec_parameter_overrides_name_and_tag_and_holds_the_full_reference()
    {
        var digest = Digest.Sha256Of("x"u8);
        var target = new ImageManifestTarget { HelmImageSpec = "web.image", HelmImageName = "ignored.name" };

        var parameters = ApplicationImageSetter.HelmParameters(Change("ghcr.io/acme/web", $"ghcr.io/acme/web:1.2@{digest}", target));

        Assert.Equal([new HelmParameter("web.image", $"ghcr.io/acme/web:1.2@{digest}", true)], parameters);
    }

    [Fact]
    public void A_digest_only_reference_is_written_as_latest_at_digest_and_an_empty_tag_is_left_out()
    {
        var digest = Digest.Sha256Of("x"u8);
        var withDigest = ApplicationImageSetter.HelmParameters(Change("nginx", $"nginx@{digest}"));
        var noTag = ApplicationImageSetter.HelmParameters(Change("nginx", "nginx"));

        Assert.Equal($"latest@{digest}", withDigest[1].Value);
        Assert.Equal([new HelmParameter("image.name", "nginx", true)], noTag);
    }

    [Fact]
    public void Merged_helm_parameters_replace_in_place_and_append_new_ones_in_order()
    {
        IReadOnlyList<HelmParameter> source = [new("replicas", "2"), new("image.tag", "1.0", true), new("other", "x")];

        var merged = ApplicationImageSetter.MergeHelmParameters(source, [new("image.name", "nginx", true), new("image.tag", "1.1", true)]);

        Assert.Equal(["replicas=2", "image.tag=1.1", "other=x", "image.name=nginx"], merged.Select(p => p.Name + "=" + p.Value));
    }

    [Theory]
    [InlineData(new string[0], "nginx:1.26.0", new[] { "nginx:1.26.0" })]
    [InlineData(new[] { "nginx:1.25.0", "redis:7" }, "nginx:1.26.0", new[] { "nginx:1.26.0", "redis:7" })]
    [InlineData(new[] { "docker.io/nginx:1.25.0" }, "nginx:1.26.0", new[] { "nginx:1.26.0" })]
    [InlineData(new[] { "web=ghcr.io/acme/web:1.0" }, "web=ghcr.io/acme/web:1.1", new[] { "web=ghcr.io/acme/web:1.1" })]
    [InlineData(new[] { "ghcr.io/acme/web:1.0" }, "web=ghcr.io/acme/web:1.1", new[] { "web=ghcr.io/acme/web:1.1" })]
    public void Kustomize_images_are_replaced_by_image_name_or_appended(string[] before, string entry, string[] after)
    {
        Assert.Equal(after, ApplicationImageSetter.SetKustomizeImage(before, entry));
    }

    [Fact]
    public void A_kustomize_name_prefixes_the_entry()
    {
        var target = new ImageManifestTarget { KustomizeImageName = "app-image" };

        Assert.Equal("app-image=ghcr.io/acme/web:2.0", ApplicationImageSetter.KustomizeImage(Change("ghcr.io/acme/web", "ghcr.io/acme/web:2.0", target)));
    }

    [Fact]
    public void Apply_sets_every_change_on_the_selected_block_and_refuses_other_source_types()
    {
        var source = new ApplicationSource { Helm = new HelmSource { Parameters = [new("image.tag", "1.0", true)] } };

        var helm = ApplicationImageSetter.Apply(source, ApplicationSourceType.Helm, [Change("nginx", "nginx:1.1")]);
        var kustomize = ApplicationImageSetter.Apply(new ApplicationSource(), ApplicationSourceType.Kustomize, [Change("nginx", "nginx:1.1")]);

        Assert.Equal(["image.tag=1.1", "image.name=nginx"], helm.Helm!.Parameters.Select(p => p.Name + "=" + p.Value));
        Assert.Equal(["nginx:1.1"], kustomize.Kustomize!.Images);
        Assert.Throws<InvalidOperationException>(() => ApplicationImageSetter.Apply(source, ApplicationSourceType.Plugin, []));
    }
}
