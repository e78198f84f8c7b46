using ImageUpdater.Applications;
using ImageUpdater.Engine;
using ImageUpdater.Policies;
using ImageUpdater.WriteBack.Git.Editing;
using ImageUpdater.Yaml;

namespace ImageUpdater.WriteBack.Git.Tests.Editing;

// The argocd method (ApplicationImageSetter on the Application) and the git method's override file (OverrideFileEditor,
// fed through the git handler's own ImageEdits mapping) apply one rule set: for the same images and the same
// parameters already there, both end with the same parameters (the file sorted by name, as the reference writes it).
public sealed class OverrideRulesAgreementTests
{
    private const string Digest = "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";

    private static readonly Dictionary<string, ImageManifestTarget> Targets = new(StringComparer.Ordinal)
    {
        ["defaults"] = ImageManifestTarget.Default,
        ["name and tag keys"] = new() { HelmImageName = "web.image.repository", HelmImageTag = "web.image.tag" },
        ["spec key"] = new() { HelmImageSpec = "web.image" },
        ["spec key wins over name and tag"] = new() { HelmImageName = "web.image.repository", HelmImageTag = "web.image.tag", HelmImageSpec = "web.image" },
        ["kustomize name"] = new() { KustomizeImageName = "web" },
    };

    private static readonly string[] NewImages = ["ghcr.io/acme/web:1.10", $"ghcr.io/acme/web:1.2.0@{Digest}", $"ghcr.io/acme/web@{Digest}", "nginx:1.27"];

    private static readonly Dictionary<string, HelmParameter[]> ExistingHelm = new(StringComparer.Ordinal)
    {
        ["none"] = [],
        ["stale image parameters"] = [new("image.tag", "1.0", ForceString: true), new("image.name", "ghcr.io/acme/old", ForceString: true), new("web.image", "x:1", ForceString: true)],
        ["other parameters kept"] = [new("zeta", "1", ForceString: false), new("alpha", "yes", ForceString: false), new("web.image.tag", "0.9", ForceString: false)],
    };

    private static readonly Dictionary<string, string[]> ExistingKustomize = new(StringComparer.Ordinal)
    {
        ["none"] = [],
        ["an older tag of the image"] = ["ghcr.io/acme/web:1.0", "busybox:1.36"],
        ["other images kept"] = ["redis:7.0", "docker.io/library/busybox:1.36"],
        ["the image without a tag"] = ["nginx", "web=ghcr.io/acme/web"],
    };

    public static TheoryData<string, string, string> HelmCases =>
        [.. from t in Targets.Keys from i in NewImages from e in ExistingHelm.Keys select (t, i, e)];

    public static TheoryData<string, string, string> KustomizeCases =>
        [.. from t in Targets.Keys from i in NewImages from e in ExistingKustomize.Keys select (t, i, e)];

    [Theory]
    [MemberData(nameof(HelmCases))]
    public void Helm_parameters_are_the_same_on_the_application_and_in_the_override_file(string target, string image, string existing)
    {
        var change = Change(Targets[target], image);
        var source = new ApplicationSource { Helm = new HelmSource { Parameters = ExistingHelm[existing] } };

        var onApplication = ApplicationImageSetter.Apply(source, ApplicationSourceType.Helm, [change]).Helm!.Parameters;
        var file = OverrideFileEditor.WriteHelm(HelmFile(ExistingHelm[existing]), ".argocd-source-web.yaml", [ImageEdits.From(change)]);

        Assert.Equal(ImageParameterRules.SortByName(onApplication), ReadHelm(file));
        Assert.All(ApplicationImageSetter.HelmParameters(change), p => Assert.Contains(p, ReadHelm(file)));
    }

    [Theory]
    [MemberData(nameof(KustomizeCases))]
    public void Kustomize_images_are_the_same_on_the_application_and_in_the_override_file(string target, string image, string existing)
    {
        var change = Change(Targets[target], image);
        var source = new ApplicationSource { Kustomize = new KustomizeSource { Images = ExistingKustomize[existing] } };

        var onApplication = ApplicationImageSetter.Apply(source, ApplicationSourceType.Kustomize, [change]).Kustomize!.Images;
        var file = OverrideFileEditor.WriteKustomize(KustomizeFile(ExistingKustomize[existing]), ".argocd-source-web.yaml", [ImageEdits.From(change)]);

        Assert.Equal(onApplication, ReadKustomize(file));
    }

    [Fact]
    public void Several_images_give_the_same_parameters_both_ways()
    {
        ImageChange[] changes =
        [
            Change(new() { HelmImageName = "web.image.repository", HelmImageTag = "web.image.tag" }, "ghcr.io/acme/web:2.0", "web"),
            Change(new() { HelmImageSpec = "api.image" }, $"registry.example.com:5000/api:1.0@{Digest}", "api"),
            Change(ImageManifestTarget.Default, "nginx:1.27"),
        ];
        HelmParameter[] existing = [new("web.image.tag", "1.0", ForceString: true), new("replicas", "2", ForceString: false)];

        var onApplication = ApplicationImageSetter.Apply(new ApplicationSource { Helm = new HelmSource { Parameters = existing } }, ApplicationSourceType.Helm, changes).Helm!.Parameters;
        var file = OverrideFileEditor.WriteHelm(HelmFile(existing), ".argocd-source-web.yaml", [.. changes.Select(ImageEdits.From)]);

        Assert.Equal(ImageParameterRules.SortByName(onApplication), ReadHelm(file));
        Assert.Equal(6, ReadHelm(file).Count);
    }

    [Fact]
    public void An_image_without_a_tag_writes_no_empty_tag_parameter_either_way()
    {
        var change = Change(ImageManifestTarget.Default, "ghcr.io/acme/web");

        var onApplication = ApplicationImageSetter.Apply(new ApplicationSource(), ApplicationSourceType.Helm, [change]).Helm!.Parameters;
        var file = OverrideFileEditor.WriteHelm(null, ".argocd-source-web.yaml", [ImageEdits.From(change)]);

        Assert.Equal([new HelmParameter("image.name", "ghcr.io/acme/web", ForceString: true)], onApplication);
        Assert.Equal(onApplication, ReadHelm(file));
    }

    [Fact]
    public void An_aliased_image_without_keys_gets_the_default_parameters_in_the_override_file_as_on_the_application()
    {
        var change = Change(ImageManifestTarget.Default, "ghcr.io/acme/web:1.0", "web");

        var file = OverrideFileEditor.WriteHelm(null, ".argocd-source-web.yaml", [ImageEdits.From(change)]);

        Assert.Equal(ApplicationImageSetter.HelmParameters(change), ReadHelm(file));

        // A values file is different: the reference refuses to guess where an aliased image lives in it.
        Assert.Throws<ConfigurationException>(() => HelmValuesEditor.Edit("web: {}\n", "values.yaml", [ImageEdits.From(change)]));
    }

    private static ImageChange Change(ImageManifestTarget target, string next, string alias = "")
    {
        var configured = ImageReference.Parse((alias.Length == 0 ? string.Empty : alias + "=") + ImageReference.Parse(next).FullName);
        return new()
        {
            Image = new ImageUpdatePolicy(configured, ImageUpdateSettings.Default, target),
            New = ImageReference.Parse(next),
            Selected = new TagInfo(ImageReference.Parse(next).Tag ?? "latest"),
        };
    }

    private static string HelmFile(IEnumerable<HelmParameter> parameters) =>
        "helm:\n  parameters:\n" + string.Concat(parameters.Select(p =>
            $"  - name: {YamlScalar.DoubleQuote(p.Name)}\n    value: {YamlScalar.DoubleQuote(p.Value)}\n    forcestring: {(p.ForceString ? "true" : "false")}\n"));

    private static string KustomizeFile(IEnumerable<string> images) =>
        "kustomize:\n  images:\n" + string.Concat(images.Select(i => "  - " + YamlScalar.DoubleQuote(i) + "\n"));

    private static List<HelmParameter> ReadHelm(string text)
    {
        var root = (MappingNode)new YamlTreeReader(TreeReaderOptions.Default).Read(text).Single().Root!;
        var list = ((MappingNode)root["helm"]!)["parameters"] as SequenceNode;
        return [.. (list?.Items ?? []).Cast<MappingNode>().Select(static p => new HelmParameter(
            ((ScalarNode)p["name"]!).Value, ((ScalarNode)p["value"]!).Value, ((ScalarNode)p["forcestring"]!).Value == "true"))];
    }

    private static List<string> ReadKustomize(string text)
    {
        var root = (MappingNode)new YamlTreeReader(TreeReaderOptions.Default).Read(text).Single().Root!;
        var list = ((MappingNode)root["kustomize"]!)["images"] as SequenceNode;
        return [.. (list?.Items ?? []).Cast<ScalarNode>().Select(static i => i.Value)];
    }
}
