using ImageUpdater.Policies;
using static ImageUpdater.Annotations.Tests.TestApps;

namespace ImageUpdater.Annotations.Tests.AnnotationParsing;

public class AnnotationPolicyReaderTests
{
    private readonly AnnotationPolicyReader _reader = new();

    private ApplicationUpdatePolicy Ready(Dictionary<string, string> annotations)
    {
        var result = _reader.Read(Helm(annotations: annotations));
        Assert.True(result.Outcome == PolicyOutcome.Ready, result.ToString());
        return result.Policy!;
    }

    private ApplicationPolicyResult Rejected(Dictionary<string, string> annotations)
    {
        var result = _reader.Read(Helm(annotations: annotations));
        Assert.Equal(PolicyOutcome.Rejected, result.Outcome);
        return result;
    }

    [Fact]
    public void Application_without_image_list_is_ignored()
    {
        var result = _reader.Read(Helm(annotations: Ann(("allow-tags", "any"))));
        Assert.Equal(PolicyOutcome.Ignored, result.Outcome);
        Assert.Contains("image-list", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_list_is_split_trimmed_and_empty_entries_skipped()
    {
        var policy = Ready(Ann(("image-list", " nginx:~1.26 , ,web=ghcr.io/acme/web:^2.0,, ")));
        Assert.Equal(2, policy.Images.Count);
        Assert.Equal("nginx", policy.Images[0].Image.Name);
        Assert.Equal("~1.26", policy.Images[0].Settings.Constraint);
        Assert.Equal(string.Empty, policy.Images[0].Image.Alias);
        Assert.Equal("web", policy.Images[1].Image.Alias);
        Assert.Equal("ghcr.io", policy.Images[1].Image.Registry);
        Assert.Equal("acme/web", policy.Images[1].Image.Name);
        Assert.Equal("^2.0", policy.Images[1].Settings.Constraint);
        Assert.Equal(AnnotationPolicyReader.Origin, policy.Origin);
    }

    [Fact]
    public void Alias_and_image_are_trimmed_around_the_equals_sign()
    {
        var policy = Ready(Ann(("image-list", " web = nginx:1.2 ")));
        Assert.Equal("web", policy.Images[0].Image.Alias);
        Assert.Equal("1.2", policy.Images[0].Image.Tag);
    }

    [Fact]
    public void Alias_with_empty_image_is_an_error_naming_the_key()
    {
        var result = Rejected(Ann(("image-list", "web=, nginx")));
        var error = Assert.Single(result.Errors);
        Assert.Equal(AnnotationKeys.ImageList, error.Location.Key);
        Assert.Contains("Application argocd/guestbook", error.Message, StringComparison.Ordinal);
        Assert.Contains("empty image name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" , ,")]
    public void Image_list_without_images_is_an_error(string value)
    {
        var result = Rejected(Ann(("image-list", value)));
        Assert.Contains("lists no image", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_apply_when_nothing_else_is_set()
    {
        var image = Ready(Ann(("image-list", "nginx"))).Images[0];
        Assert.Equal("semver", image.Settings.Strategy);
        Assert.Null(image.Settings.Constraint);
        Assert.False(image.Settings.ForceUpdate);
        Assert.Empty(image.Settings.IgnoreTags);
        Assert.Empty(image.Settings.Platforms);
        Assert.Null(image.Settings.AllowTags);
        Assert.Null(image.Settings.PullSecret);
        Assert.Equal("image.name", image.Target.EffectiveHelmImageName);
        Assert.Equal("image.tag", image.Target.EffectiveHelmImageTag);
    }

    [Fact]
    public void Per_alias_settings_override_application_wide_ones_field_by_field()
    {
        var policy = Ready(Ann(
            ("image-list", "web=nginx, api=acme/api, plain/image"),
            ("update-strategy", "newest-build"),
            ("allow-tags", "regexp:^v"),
            ("ignore-tags", "latest, dev*"),
            ("pull-secret", "pullsecret:argocd/creds"),
            ("force-update", "true"),
            ("web.update-strategy", " digest "),
            ("web.allow-tags", "any"),
            ("web.platforms", "linux/amd64, ,linux/arm64"),
            ("api.force-update", "F")));
        var web = policy.Images[0].Settings;
        Assert.Equal("digest", web.Strategy);
        Assert.Equal("any", web.AllowTags);
        Assert.Equal(["latest", "dev*"], web.IgnoreTags);
        Assert.Equal("pullsecret:argocd/creds", web.PullSecret);
        Assert.True(web.ForceUpdate);
        Assert.Equal(["linux/amd64", "linux/arm64"], web.Platforms);

        var api = policy.Images[1].Settings;
        Assert.Equal("newest-build", api.Strategy);
        Assert.False(api.ForceUpdate);

        // Images without an alias take only the application-wide keys.
        var plain = policy.Images[2].Settings;
        Assert.Equal("newest-build", plain.Strategy);
        Assert.Equal("regexp:^v", plain.AllowTags);
    }

    [Fact]
    public void Platforms_are_read_per_alias_only()
    {
        var image = Ready(Ann(("image-list", "web=nginx"), ("platforms", "linux/amd64"))).Images[0];
        Assert.Empty(image.Settings.Platforms);
    }

    [Fact]
    public void Ignore_tags_keep_empty_entries_as_the_reference_does()
    {
        var image = Ready(Ann(("image-list", "web=nginx"), ("web.ignore-tags", "a,, b"))).Images[0];
        Assert.Equal(["a", "", "b"], image.Settings.IgnoreTags);
    }

    [Fact]
    public void Empty_values_count_as_absent()
    {
        var image = Ready(Ann(("image-list", "web=nginx"), ("update-strategy", "digest"), ("web.update-strategy", "  "), ("web.allow-tags", ""))).Images[0];
        Assert.Equal("digest", image.Settings.Strategy);
        Assert.Null(image.Settings.AllowTags);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("t", true)]
    [InlineData("T", true)]
    [InlineData("TRUE", true)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData(" true ", true)]
    [InlineData("0", false)]
    [InlineData("f", false)]
    [InlineData("F", false)]
    [InlineData("FALSE", false)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    public void Force_update_follows_go_parse_bool(string value, bool expected)
    {
        var image = Ready(Ann(("image-list", "web=nginx"), ("web.force-update", value))).Images[0];
        Assert.Equal(expected, image.Settings.ForceUpdate);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("tRUE")]
    [InlineData("on")]
    [InlineData("")]
    [InlineData("2")]
    public void Invalid_force_update_rejects_the_application_naming_the_key(string value)
    {
        var result = Rejected(Ann(("image-list", "web=nginx"), ("web.force-update", value)));
        var error = Assert.Single(result.Errors);
        Assert.Equal(AnnotationKeys.Prefix + "web.force-update", error.Location.Key);
        Assert.Contains("key 'argocd-image-updater.argoproj.io/web.force-update'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_application_wide_force_update_also_rejects()
    {
        var result = Rejected(Ann(("image-list", "nginx"), ("force-update", "maybe")));
        Assert.Equal(AnnotationKeys.Prefix + "force-update", result.Errors[0].Location.Key);
    }

    [Fact]
    public void A_bad_annotation_rejects_only_its_application()
    {
        var results = _reader.ReadAll([
            Helm("good", Ann(("image-list", "nginx"))),
            Helm("bad", Ann(("image-list", "nginx"), ("force-update", "nope"))),
            Helm("other", Ann(("image-list", "redis"))),
        ]);
        Assert.Equal([PolicyOutcome.Ready, PolicyOutcome.Rejected, PolicyOutcome.Ready], results.Select(r => r.Outcome));
    }

    [Fact]
    public void Helm_targets_are_read_per_alias_and_spec_overrides_name_and_tag()
    {
        var policy = Ready(Ann(
            ("image-list", "web=nginx, api=acme/api"),
            ("web.helm.image-name", " frontend.image.repository "),
            ("web.helm.image-tag", "frontend.image.tag"),
            ("api.helm.image-spec", "api.image"),
            ("api.helm.image-name", "ignored.name")));
        Assert.Equal("frontend.image.repository", policy.Images[0].Target.EffectiveHelmImageName);
        Assert.Equal("frontend.image.tag", policy.Images[0].Target.EffectiveHelmImageTag);
        Assert.Equal("api.image", policy.Images[1].Target.HelmImageSpec);
        Assert.Null(policy.Images[1].Target.EffectiveHelmImageName);
        Assert.Null(policy.Images[1].Target.EffectiveHelmImageTag);
    }

    [Fact]
    public void Helm_name_without_tag_defaults_the_tag()
    {
        var image = Ready(Ann(("image-list", "web=nginx"), ("web.helm.image-name", "img.repo"))).Images[0];
        Assert.Equal("img.repo", image.Target.EffectiveHelmImageName);
        Assert.Equal("image.tag", image.Target.EffectiveHelmImageTag);
    }

    [Fact]
    public void Kustomize_image_name_is_read_per_alias()
    {
        var result = new AnnotationPolicyReader().Read(Kustomize(annotations: Ann(("image-list", "web=nginx"), ("web.kustomize.image-name", "docker.io/library/nginx"))));
        Assert.Equal("docker.io/library/nginx", result.Policy!.Images[0].Target.KustomizeImageName);
    }

    [Fact]
    public void Helm_and_kustomize_targets_together_are_an_error()
    {
        var result = Rejected(Ann(("image-list", "web=nginx"), ("web.kustomize.image-name", "nginx"), ("web.helm.image-name", "image.repository")));
        Assert.Contains("Both helm and kustomize", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_back_defaults_to_argocd()
    {
        var policy = Ready(Ann(("image-list", "nginx")));
        Assert.Equal(WriteBackMethod.ArgoCd, policy.WriteBack.Method);
        Assert.Same(WriteBackPolicy.Default, policy.WriteBack);
    }

    [Theory]
    [InlineData("git", "repocreds")]
    [InlineData("  git  ", "repocreds")]
    [InlineData("git:secret:argocd/git-creds", "secret:argocd/git-creds")]
    [InlineData("git:repocreds", "repocreds")]
    public void Git_write_back_method_and_credentials(string method, string credentials)
    {
        var policy = Ready(Ann(("image-list", "nginx"), ("write-back-method", method)));
        Assert.Equal(WriteBackMethod.Git, policy.WriteBack.Method);
        Assert.Equal(credentials, policy.WriteBack.GitCredentials);
    }

    [Theory]
    [InlineData("ArgoCD")]
    [InlineData("github")]
    [InlineData(":git")]
    [InlineData("git:")]
    [InlineData("git:invalid")]
    [InlineData("git:https://github.com/example/repo.git")]
    public void Invalid_write_back_method_is_an_error(string method)
    {
        var result = Rejected(Ann(("image-list", "nginx"), ("write-back-method", method)));
        Assert.Equal(AnnotationKeys.WriteBackMethod, result.Errors[0].Location.Key);
    }

    [Theory]
    [InlineData("main", "main", null)]
    [InlineData("main:image-updater-{{.SHA256}}", "main", "image-updater-{{.SHA256}}")]
    [InlineData(":update-branch", null, "update-branch")]
    public void Git_branch_forms(string branch, string? expectedBase, string? expectedWrite)
    {
        var policy = Ready(Ann(("image-list", "nginx"), ("write-back-method", "git"), ("git-branch", branch), ("git-repository", " https://example.com/other.git ")));
        Assert.Equal(expectedBase, policy.WriteBack.GitBranch);
        Assert.Equal(expectedWrite, policy.WriteBack.GitWriteBranch);
        Assert.Equal("https://example.com/other.git", policy.WriteBack.GitRepository);
    }

    [Fact]
    public void Git_branch_with_two_colons_is_an_error()
    {
        var result = Rejected(Ann(("image-list", "nginx"), ("write-back-method", "git"), ("git-branch", "a:b:c")));
        Assert.Equal(AnnotationKeys.GitBranch, result.Errors[0].Location.Key);
    }

    [Fact]
    public void Git_fields_are_not_read_for_the_argocd_method()
    {
        var policy = Ready(Ann(("image-list", "nginx"), ("git-branch", "a:b:c"), ("write-back-target", "nonsense")));
        Assert.Equal(WriteBackMethod.ArgoCd, policy.WriteBack.Method);
    }

    [Theory]
    [InlineData("kustomization", WriteBackTargetKind.Kustomization, null, "overlays/prod")]
    [InlineData("kustomization:../base", WriteBackTargetKind.Kustomization, "../base", "overlays/base")]
    [InlineData("kustomization:/env/prod", WriteBackTargetKind.Kustomization, "/env/prod", "env/prod")]
    [InlineData("helmvalues", WriteBackTargetKind.HelmValues, null, "overlays/prod/values.yaml")]
    [InlineData("helmvalues:./values-prod.yaml", WriteBackTargetKind.HelmValues, "./values-prod.yaml", "overlays/prod/values-prod.yaml")]
    [InlineData("helmvalues:/charts/app/values.yaml", WriteBackTargetKind.HelmValues, "/charts/app/values.yaml", "charts/app/values.yaml")]
    [InlineData("markers:manifests", WriteBackTargetKind.Markers, "manifests", "overlays/prod/manifests")]
    [InlineData("helmvalues:", WriteBackTargetKind.HelmValues, "", "overlays/prod")]
    [InlineData("kustomization=../base", WriteBackTargetKind.Kustomization, "../base", "overlays/base")]
    [InlineData("kustomize:foo", WriteBackTargetKind.OverrideFile, "kustomize:foo", "kustomize:foo")]
    [InlineData("deploy/overrides.yaml", WriteBackTargetKind.OverrideFile, "deploy/overrides.yaml", "deploy/overrides.yaml")]
    public void Write_back_targets_resolve_relative_to_the_source(string text, WriteBackTargetKind kind, string? path, string resolved)
    {
        var policy = Ready(Ann(("image-list", "nginx"), ("write-back-method", "git"), ("write-back-target", text)));
        Assert.Equal(kind, policy.WriteBack.Target.Kind);
        Assert.Equal(path, policy.WriteBack.Target.Path);
        Assert.Equal(resolved, policy.WriteBack.Target.ResolvePath("overlays/prod"));
    }

    [Fact]
    public void A_kustomization_target_forces_the_kustomize_source_of_a_multi_source_app()
    {
        var app = Helm(annotations: Ann(("image-list", "nginx"), ("write-back-method", "git"), ("write-back-target", "kustomization"))) with
        {
            Source = null,
            SourceType = string.Empty,
            Sources =
            [
                new() { RepositoryUrl = "https://charts.example.com", Chart = "app", Helm = new() },
                new() { RepositoryUrl = "https://example.com/config.git", Path = "k", Kustomize = new() },
            ],
            SourceTypes = ["Helm", "Kustomize"],
        };
        var policy = _reader.Read(app).Policy!;
        Assert.Equal(1, policy.Source.Index);
        Assert.Equal(ImageUpdater.Applications.ApplicationSourceType.Kustomize, policy.Source.Type);
    }

    [Fact]
    public void Unsupported_source_type_is_ignored()
    {
        var app = Helm(annotations: Ann(("image-list", "nginx"))) with { SourceType = "Directory" };
        Assert.Equal(PolicyOutcome.Ignored, _reader.Read(app).Outcome);
    }

    [Fact]
    public void All_errors_of_an_application_are_reported()
    {
        var result = Rejected(Ann(("image-list", "web=nginx, api="), ("web.force-update", "x"), ("force-update", "y")));
        Assert.Equal(3, result.Errors.Count);
    }
}
