using ImageUpdater.Applications;
using ImageUpdater.Policies;
using static ImageUpdater.Annotations.Tests.TestApps;

namespace ImageUpdater.Annotations.Tests.Policies;

public class MarkersTests
{
    private readonly AnnotationPolicyReader _annotations = new();
    private readonly ImageUpdaterPolicyResolver _resolver = new(new AnnotationPolicyReader());

    // A plain-manifest application: Argo CD reports "Directory", and the source has no Helm, Kustomize or plugin block.
    private static ArgoApplication Plain(Dictionary<string, string>? annotations = null) => new()
    {
        Name = "web",
        Namespace = "argocd",
        Annotations = annotations ?? [],
        Source = new ApplicationSource { RepositoryUrl = "https://example.com/repo.git", Path = "deploy/web" },
        SourceType = "Directory",
    };

    private ApplicationPolicyResult FromResource(ArgoApplication application, string? method, string target)
    {
        var resource = new ImageUpdaterResource
        {
            Name = "u",
            Namespace = "argocd",
            WriteBackConfig = new WriteBackConfigSpec { Method = method, GitConfig = new GitConfigSpec { WriteBackTarget = target } },
            ApplicationRefs = [new ApplicationRefSpec { NamePattern = "*", Images = [new ImageConfigSpec { Alias = "web", ImageName = "ghcr.io/acme/web:1.x" }] }],
        };
        return Assert.Single(_resolver.Resolve(resource, [application]).Applications);
    }

    [Theory]
    [InlineData("markers", null, "deploy/web")]
    [InlineData("markers:overlays/prod", "overlays/prod", "deploy/web/overlays/prod")]
    [InlineData("markers:/clusters", "/clusters", "clusters")]
    public void Annotations_accept_markers_as_a_target_and_a_plain_manifest_application_is_managed(string target, string? path, string resolved)
    {
        var result = _annotations.Read(Plain(Ann(("image-list", "web=ghcr.io/acme/web:1.x"), ("write-back-method", "git"), ("write-back-target", target))));
        Assert.Equal(PolicyOutcome.Ready, result.Outcome);
        var policy = result.Policy!;
        Assert.Equal(new WriteBackTarget(WriteBackTargetKind.Markers, path), policy.WriteBack.Target);
        Assert.Equal(resolved, policy.WriteBack.Target.ResolvePath(policy.Source.Source.Path));
        Assert.Equal(ApplicationSourceType.Unsupported, policy.Source.Type);
    }

    [Theory]
    [InlineData("markers", null)]
    [InlineData("markers:deploy", "deploy")]
    public void Resources_accept_markers_as_a_target_and_a_plain_manifest_application_is_managed(string target, string? path)
    {
        var result = FromResource(Plain(), "git", target);
        Assert.Equal(PolicyOutcome.Ready, result.Outcome);
        Assert.Equal(new WriteBackTarget(WriteBackTargetKind.Markers, path), result.Policy!.WriteBack.Target);
    }

    [Fact]
    public void A_source_with_no_block_and_no_status_is_managed_with_markers()
    {
        var result = FromResource(Plain() with { SourceType = string.Empty }, "git", "markers");
        Assert.Equal(PolicyOutcome.Ready, result.Outcome);
    }

    [Fact]
    public void A_plain_manifest_application_without_markers_is_ignored_as_in_the_reference()
    {
        var result = _annotations.Read(Plain(Ann(("image-list", "nginx"), ("write-back-method", "git"))));
        Assert.Equal(PolicyOutcome.Ignored, result.Outcome);
        Assert.Contains("only Helm and Kustomize", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_helm_application_may_use_markers_too()
    {
        var result = _annotations.Read(Helm(annotations: Ann(("image-list", "nginx"), ("write-back-method", "git"), ("write-back-target", "markers"))));
        Assert.Equal(WriteBackTargetKind.Markers, result.Policy!.WriteBack.Target.Kind);
        Assert.Equal(ApplicationSourceType.Helm, result.Policy.Source.Type);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("argocd")]
    public void Markers_with_the_argocd_method_are_an_error_naming_the_annotation(string? method)
    {
        var annotations = Ann(("image-list", "nginx"), ("write-back-target", "markers:deploy"));
        if (method is not null)
        {
            annotations[AnnotationKeys.Prefix + "write-back-method"] = method;
        }

        var result = _annotations.Read(Plain(annotations));
        Assert.Equal(PolicyOutcome.Rejected, result.Outcome);
        var error = Assert.Single(result.Errors);
        Assert.Equal(AnnotationKeys.WriteBackTarget, error.Location.Key);
        Assert.Contains("'markers:deploy' needs the git write-back method", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Markers_with_the_argocd_method_are_an_error_naming_the_resource_field()
    {
        var result = FromResource(Helm(), "argocd", "markers");
        Assert.Equal(PolicyOutcome.Rejected, result.Outcome);
        Assert.Equal("spec.writeBackConfig.gitConfig.writeBackTarget", Assert.Single(result.Errors).Location.Key);
    }

    [Fact]
    public void Other_targets_with_the_argocd_method_are_still_ignored_as_in_the_reference()
    {
        var result = _annotations.Read(Helm(annotations: Ann(("image-list", "nginx"), ("write-back-target", "kustomization"))));
        Assert.Equal(WriteBackPolicy.Default, result.Policy!.WriteBack);
    }
}
