using ImageUpdater.Annotations.Manifests;
using ImageUpdater.Engine;
using ImageUpdater.Policies;

namespace ImageUpdater.Annotations.Tests.Policies;

public class UpdatePolicyProviderTests
{
    private readonly UpdatePolicyProvider _provider = new(new ManifestReader(), new AnnotationPolicyReader(), new ImageUpdaterPolicyResolver(new AnnotationPolicyReader()));

    private static string App(string name, string? imageList = null, string ns = "argocd") =>
        "apiVersion: argoproj.io/v1alpha1\nkind: Application\n"
        + $"metadata:\n  name: {name}\n  namespace: {ns}\n"
        + (imageList is null ? string.Empty : $"  annotations:\n    argocd-image-updater.argoproj.io/image-list: {imageList}\n")
        + $"spec:\n  source: {{repoURL: https://example.com/repo.git, path: charts/{name}, helm: {{}}}}\n";

    private static string Updater(string name, string pattern, string rule, string ns = "argocd", string writeBack = "") =>
        "apiVersion: argocd-image-updater.argoproj.io/v1alpha1\nkind: ImageUpdater\n"
        + $"metadata: {{name: {name}, namespace: {ns}}}\n"
        + $"spec:\n  {writeBack}\n  applicationRefs:\n    - namePattern: \"{pattern}\"\n      {rule}\n";

    private static SourceDocument Doc(string origin, params string[] documents) => new() { Origin = origin, Content = string.Join("\n---\n", documents) };

    private async Task<UpdatePolicySet> Read(params SourceDocument[] documents) =>
        await _provider.GetPoliciesAsync(new ApplicationSourceSnapshot { Documents = documents }, TestContext.Current.CancellationToken);

    private static ApplicationPolicyResult Result(UpdatePolicySet set, string name) => Assert.Single(set.Applications, r => r.Application.Name == name);

    [Fact]
    public async Task Without_any_resource_every_application_is_read_from_its_annotations()
    {
        var set = await Read(Doc("apps.yaml", App("web", "nginx:1.x"), App("plain")));
        Assert.Equal(["web", "plain"], set.Applications.Select(r => r.Application.Name));
        Assert.Equal(AnnotationPolicyReader.Origin, Result(set, "web").Policy!.Origin);
        Assert.Equal(PolicyOutcome.Ignored, Result(set, "plain").Outcome);
        Assert.Empty(set.Errors);
    }

    [Fact]
    public async Task A_matching_resource_wins_over_annotations_and_unmatched_applications_are_ignored_with_a_reason()
    {
        var set = await Read(
            Doc("apps.yaml", App("web", "nginx:1.x"), App("other", "redis:7.x")),
            Doc("updaters/web.yaml", Updater("web-updater", "web", "images: [{alias: app, imageName: ghcr.io/acme/web:~1.2}]")));
        var web = Result(set, "web").Policy!;
        Assert.Equal("ImageUpdater argocd/web-updater", web.Origin);
        Assert.Equal("ghcr.io/acme/web", Assert.Single(web.Images).Image.FullName);
        var other = Result(set, "other");
        Assert.Equal(PolicyOutcome.Ignored, other.Outcome);
        Assert.Contains("No ImageUpdater resource matches it", other.Reason, StringComparison.Ordinal);
        Assert.Contains("useAnnotations", other.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rule_with_useAnnotations_reads_the_annotations()
    {
        var set = await Read(Doc("all.yaml", App("web", "nginx:1.x"), Updater("u", "*", "useAnnotations: true")));
        var policy = Result(set, "web").Policy!;
        Assert.Equal("ImageUpdater argocd/u (annotations)", policy.Origin);
        Assert.Equal("nginx", Assert.Single(policy.Images).Image.Name);
    }

    [Fact]
    public async Task A_resource_in_another_namespace_still_turns_annotation_only_configuration_off()
    {
        // Resource mode is decided for the whole snapshot, as the reference v1.x never reads annotations on its own.
        var set = await Read(Doc("all.yaml", App("web", "nginx:1.x", ns: "team-a"), Updater("u", "*", "useAnnotations: true", ns: "argocd")));
        Assert.Equal(PolicyOutcome.Ignored, Result(set, "web").Outcome);
    }

    [Fact]
    public async Task An_invalid_resource_is_an_error_naming_it_and_still_keeps_annotations_off()
    {
        var set = await Read(Doc("updaters.yaml", App("web", "nginx:1.x"), Updater("broken", "[", "useAnnotations: true")));
        var error = Assert.Single(set.Errors);
        Assert.Contains("updaters.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("ImageUpdater argocd/broken", error.Message, StringComparison.Ordinal);
        Assert.Contains("spec.applicationRefs[0].namePattern", error.Message, StringComparison.Ordinal);
        var web = Result(set, "web");
        Assert.Equal(PolicyOutcome.Ignored, web.Outcome);
        Assert.Contains("1 ImageUpdater resource(s) are invalid", web.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resource_that_cannot_be_mapped_keeps_annotations_off()
    {
        var broken = "apiVersion: argocd-image-updater.argoproj.io/v1alpha1\nkind: ImageUpdater\nmetadata: {name: b}\nspec: {applicationRefs: 3}";
        var set = await Read(Doc("a.yaml", App("web", "nginx:1.x")), Doc("b.yaml", broken));
        Assert.Contains(set.Errors, e => e.Message.StartsWith("b.yaml:4", StringComparison.Ordinal));
        Assert.Equal(PolicyOutcome.Ignored, Result(set, "web").Outcome);
    }

    [Fact]
    public async Task A_document_that_does_not_parse_is_an_error_with_file_line_and_column_and_the_others_are_read()
    {
        var set = await Read(
            Doc("a/good.yaml", App("web", "nginx:1.x")),
            Doc("b/bad.yaml", "kind: Application\nmetadata: {name: x\n  oops: [\n"),
            Doc("c/good.yaml", App("api", "acme/api")));
        Assert.Equal(["web", "api"], set.Applications.Select(r => r.Application.Name));
        var error = Assert.Single(set.Errors);
        Assert.Matches(@"^b/bad\.yaml:\d+:\d+: ", error.Message);
    }

    [Fact]
    public async Task Source_errors_are_passed_on()
    {
        var unreadable = new ConfigurationException("Cannot read the file.", new ConfigurationLocation("x.yaml"));
        var set = await _provider.GetPoliciesAsync(new ApplicationSourceSnapshot { Errors = [unreadable] }, TestContext.Current.CancellationToken);
        Assert.Same(unreadable, Assert.Single(set.Errors));
    }

    [Fact]
    public async Task An_application_defined_twice_is_rejected_once_naming_both_files()
    {
        var set = await Read(Doc("one.yaml", App("web", "nginx:1.x")), Doc("two.yaml", App("other", "redis"), App("web", "nginx:2.x")));
        Assert.Equal(["web", "other"], set.Applications.Select(r => r.Application.Name));
        var web = Result(set, "web");
        Assert.Equal(PolicyOutcome.Rejected, web.Outcome);
        var message = Assert.Single(web.Errors).Message;
        Assert.Contains("Application argocd/web is defined 2 times (one.yaml:1, two.yaml:", message, StringComparison.Ordinal);
        Assert.Equal(PolicyOutcome.Ready, Result(set, "other").Outcome);
    }

    [Fact]
    public async Task A_resource_defined_twice_is_an_error_and_neither_copy_is_used()
    {
        var updater = Updater("u", "web", "images: [{alias: a, imageName: nginx}]");
        var set = await Read(Doc("a.yaml", App("web"), updater), Doc("b.yaml", updater));
        Assert.Contains(set.Errors, e => e.Message.Contains("ImageUpdater argocd/u is defined 2 times (a.yaml:", StringComparison.Ordinal));
        Assert.Equal(PolicyOutcome.Ignored, Result(set, "web").Outcome);
    }

    [Fact]
    public async Task Two_resources_with_different_images_and_the_same_write_back_both_apply()
    {
        var set = await Read(Doc("all.yaml",
            App("web"),
            Updater("first", "web", "images: [{alias: a, imageName: nginx:1.x}]"),
            Updater("second", "w*", "images: [{alias: b, imageName: redis:7.x}]")));
        var policy = Result(set, "web").Policy!;
        Assert.Equal(["nginx", "redis"], policy.Images.Select(i => i.Image.Name));
        Assert.Equal("ImageUpdater argocd/first, ImageUpdater argocd/second", policy.Origin);
    }

    [Fact]
    public async Task Two_resources_updating_the_same_image_reject_the_application()
    {
        var set = await Read(Doc("all.yaml",
            App("web"),
            Updater("first", "web", "images: [{alias: a, imageName: nginx:1.x}]"),
            Updater("second", "w*", "images: [{alias: b, imageName: nginx:2.x}]")));
        var web = Result(set, "web");
        Assert.Equal(PolicyOutcome.Rejected, web.Outcome);
        Assert.Contains("ImageUpdater argocd/first and ImageUpdater argocd/second all match it and each updates image 'nginx'", web.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_resources_with_different_write_backs_reject_the_application()
    {
        var set = await Read(Doc("all.yaml",
            App("web"),
            Updater("first", "web", "images: [{alias: a, imageName: nginx}]"),
            Updater("second", "w*", "images: [{alias: b, imageName: redis}]", writeBack: "writeBackConfig: {method: git}")));
        var web = Result(set, "web");
        Assert.Equal(PolicyOutcome.Rejected, web.Outcome);
        Assert.Contains("different write-back settings", web.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resource_that_ignores_the_application_leaves_it_to_the_one_that_configures_it()
    {
        var set = await Read(Doc("all.yaml",
            App("web"),
            Updater("annotations", "*", "useAnnotations: true"),
            Updater("images", "web", "images: [{alias: a, imageName: nginx}]")));
        Assert.Equal("ImageUpdater argocd/images", Result(set, "web").Policy!.Origin);
    }
}
