using ImageUpdater.Annotations.Manifests;
using ImageUpdater.Policies;
using static ImageUpdater.Annotations.Tests.TestApps;

namespace ImageUpdater.Annotations.Tests.Resources;

public class ImageUpdaterPolicyResolverTests
{
    private readonly ImageUpdaterPolicyResolver _resolver = new(new AnnotationPolicyReader());

    private static ImageUpdaterResource Resource(params ApplicationRefSpec[] refs) => new() { Name = "u", Namespace = "argocd", ApplicationRefs = refs };

    private static ApplicationRefSpec Ref(string pattern, params ImageConfigSpec[] images) => new() { NamePattern = pattern, Images = images };

    private static ImageConfigSpec Image(string alias, string name) => new() { Alias = alias, ImageName = name };

    [Theory]
    [InlineData("guestbook", null, 1_000_009)]
    [InlineData("app-*", null, 4)]
    [InlineData("app-prod-*", null, 9)]
    [InlineData("app-[a-z]?", null, 4)]
    [InlineData("*", null, 0)]
    [InlineData("*", 0, 10_000)]
    [InlineData("*", 2, 10_200)]
    public void Specificity_follows_the_reference(string pattern, int? labels, int expected)
    {
        var rule = new ApplicationRefSpec
        {
            NamePattern = pattern,
            LabelSelectors = labels is { } n
                ? new LabelSelectorSpec { MatchLabels = Enumerable.Range(0, n).ToDictionary(i => "k" + i, i => "v") }
                : null,
        };
        Assert.Equal(expected, rule.Specificity);
    }

    [Fact]
    public void Specificity_counts_expressions_and_utf8_bytes()
    {
        var rule = new ApplicationRefSpec
        {
            NamePattern = "é*",
            LabelSelectors = new LabelSelectorSpec { MatchExpressions = [new("a", "Exists", []), new("b", "DoesNotExist", [])] },
        };
        Assert.Equal(2 + 10_000 + 200, rule.Specificity);
    }

    [Fact]
    public void The_most_specific_rule_wins_and_settings_merge_field_by_field()
    {
        var resource = Resource(
            Ref("*", Image("any", "nginx")),
            Ref("guest*", Image("web", "ghcr.io/acme/web:~1.2") with
            {
                CommonUpdateSettings = new() { AllowTags = "regexp:^1", Platforms = ["linux/arm64"] },
                ManifestTargets = new() { Helm = new() { Name = "web.repo", Tag = "web.tag" } },
            }) with
            {
                CommonUpdateSettings = new() { UpdateStrategy = "newest-build", ForceUpdate = true },
            }) with
        {
            CommonUpdateSettings = new() { UpdateStrategy = "digest", IgnoreTags = ["latest"], PullSecret = "env:CREDS" },
        };

        var resolution = _resolver.Resolve(resource, [Helm("guestbook"), Helm("other")]);
        Assert.True(resolution.IsValid);
        Assert.Equal(2, resolution.Applications.Count);
        var guestbook = resolution.Applications[0].Policy!;
        var web = Assert.Single(guestbook.Images);
        Assert.Equal("web", web.Image.Alias);
        Assert.Equal("~1.2", web.Settings.Constraint);
        Assert.Equal("newest-build", web.Settings.Strategy);
        Assert.True(web.Settings.ForceUpdate);
        Assert.Equal(["latest"], web.Settings.IgnoreTags);
        Assert.Equal("env:CREDS", web.Settings.PullSecret);
        Assert.Equal("regexp:^1", web.Settings.AllowTags);
        Assert.Equal(["linux/arm64"], web.Settings.Platforms);
        Assert.Equal("web.repo", web.Target.EffectiveHelmImageName);
        Assert.Equal("ImageUpdater argocd/u", guestbook.Origin);

        var other = resolution.Applications[1].Policy!;
        Assert.Equal("any", other.Images[0].Image.Alias);
        Assert.Equal("digest", other.Images[0].Settings.Strategy);
    }

    [Fact]
    public void Equal_scores_keep_the_written_order()
    {
        var resolution = _resolver.Resolve(Resource(Ref("a*", Image("first", "x")), Ref("*b", Image("second", "y"))), [Helm("ab")]);
        Assert.Equal("first", resolution.Applications[0].Policy!.Images[0].Image.Alias);
    }

    [Fact]
    public void Label_selectors_filter_and_add_specificity()
    {
        var resource = Resource(
            Ref("*", Image("plain", "x")),
            Ref("*", Image("labelled", "y")) with
            {
                NamePattern = "*-app",
                LabelSelectors = new LabelSelectorSpec
                {
                    MatchLabels = new Dictionary<string, string> { ["team"] = "web" },
                    MatchExpressions = [new("env", "In", ["prod", "staging"]), new("legacy", "DoesNotExist", []), new("tier", "NotIn", ["db"])],
                },
            });
        var apps = new[]
        {
            Helm("web-app", labels: new() { ["team"] = "web", ["env"] = "prod" }),
            Helm("old-app", labels: new() { ["team"] = "web", ["env"] = "prod", ["legacy"] = "yes" }),
            Helm("db-app", labels: new() { ["team"] = "web", ["env"] = "staging", ["tier"] = "db" }),
        };
        var aliases = _resolver.Resolve(resource, apps).Applications.Select(r => r.Policy!.Images[0].Image.Alias);
        Assert.Equal(["labelled", "plain", "plain"], aliases);
    }

    [Fact]
    public void Invalid_label_selector_matches_nothing_with_a_warning()
    {
        var resource = Resource(Ref("*", Image("a", "x")) with { LabelSelectors = new() { MatchExpressions = [new("env", "Equals", ["x"])] } });
        var resolution = _resolver.Resolve(resource, [Helm("app")]);
        Assert.Empty(resolution.Applications);
        Assert.Contains("not a valid label selector operator", Assert.Single(resolution.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Applications_of_other_namespaces_are_skipped()
    {
        var resolution = _resolver.Resolve(Resource(Ref("*", Image("a", "x"))), [Helm("here"), Helm("there", ns: "team-b")]);
        Assert.Equal("here", Assert.Single(resolution.Applications).Application.Name);
    }

    [Fact]
    public void Use_annotations_reads_the_application_and_ignores_the_rule_settings()
    {
        var resource = Resource(Ref("*") with { UseAnnotations = true, CommonUpdateSettings = new() { UpdateStrategy = "digest" } }) with
        {
            CommonUpdateSettings = new() { ForceUpdate = true },
        };
        var app = Helm("annotated", Ann(("image-list", "web=nginx:1.x"), ("web.allow-tags", "any")));
        var result = Assert.Single(_resolver.Resolve(resource, [app, Helm("bare")]).Applications, r => r.Application.Name == "annotated");
        var image = result.Policy!.Images[0];
        Assert.Equal("semver", image.Settings.Strategy);
        Assert.False(image.Settings.ForceUpdate);
        Assert.Equal("any", image.Settings.AllowTags);
        Assert.Equal("ImageUpdater argocd/u (annotations)", result.Policy.Origin);
    }

    [Fact]
    public void Use_annotations_without_image_list_skips_that_application_with_a_reason()
    {
        var resolution = _resolver.Resolve(Resource(Ref("*") with { UseAnnotations = true }), [Helm("bare")]);
        var result = Assert.Single(resolution.Applications);
        Assert.Equal(PolicyOutcome.Ignored, result.Outcome);
        Assert.Contains(AnnotationKeys.ImageList, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_back_merges_global_and_rule_fields()
    {
        var resource = Resource(Ref("*", Image("a", "x")) with
        {
            WriteBackConfig = new() { GitConfig = new() { Branch = ":updates", WriteBackTarget = "helmvalues:/values.yaml" } },
        }) with
        {
            WriteBackConfig = new() { Method = "git", GitConfig = new() { Repository = "https://example.com/r.git", Branch = "main" } },
        };
        var policy = _resolver.Resolve(resource, [Helm("app")]).Applications[0].Policy!;
        Assert.Equal(WriteBackMethod.Git, policy.WriteBack.Method);
        Assert.Equal("https://example.com/r.git", policy.WriteBack.GitRepository);
        Assert.Null(policy.WriteBack.GitBranch);
        Assert.Equal("updates", policy.WriteBack.GitWriteBranch);
        Assert.Equal("values.yaml", policy.WriteBack.Target.ResolvePath("charts/app"));
    }

    [Fact]
    public void A_bad_global_field_is_named_at_the_global_level_when_the_rule_sets_other_fields()
    {
        var resource = Resource(
            Ref("a*", Image("a", "x")) with { WriteBackConfig = new() { GitConfig = new() { Branch = "main" } } },
            Ref("b*", Image("b", "x")) with { WriteBackConfig = new() { Method = "git:oops" } }) with
        {
            WriteBackConfig = new() { Method = "git:oops", GitConfig = new() { Branch = "a:b:c" } },
        };
        var results = _resolver.Resolve(resource, [Helm("app"), Helm("bpp")]).Applications;
        Assert.Equal(["spec.writeBackConfig.method"], results[0].Errors.Select(e => e.Location.Key));
        Assert.Equal(
            ["spec.applicationRefs[1].writeBackConfig.method", "spec.writeBackConfig.gitConfig.branch"],
            results[1].Errors.Select(e => e.Location.Key));
    }

    [Fact]
    public void Bad_branch_in_a_rule_rejects_the_application_naming_the_field()
    {
        var resource = Resource(Ref("*", Image("a", "x")) with { WriteBackConfig = new() { Method = "git", GitConfig = new() { Branch = "a:b:c" } } });
        var result = _resolver.Resolve(resource, [Helm("app")]).Applications[0];
        Assert.Equal(PolicyOutcome.Rejected, result.Outcome);
        Assert.Equal("spec.applicationRefs[0].writeBackConfig.gitConfig.branch", result.Errors[0].Location.Key);
        Assert.Contains("ImageUpdater argocd/u for Application argocd/app", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_rules_reject_the_resource_with_field_paths()
    {
        var resource = new ImageUpdaterResource
        {
            Name = "u",
            Namespace = "argocd",
            WriteBackConfig = new() { Method = "svn" },
            ApplicationRefs =
            [
                Ref("[", Image("-bad", "x")),
                Ref("app"),
                Ref("app", Image("ok", ""), Image("ok", "y") with { ManifestTargets = new() }),
                Ref("k*", Image("k", "z") with { ManifestTargets = new() { Helm = new(), Kustomize = new() { Name = "n" } } }, Image("k2", "z") with { ManifestTargets = new() { Kustomize = new() } }),
            ],
        };
        var resolution = _resolver.Resolve(resource, [Helm("app")]);
        Assert.False(resolution.IsValid);
        Assert.Empty(resolution.Applications);
        Assert.Equal(
            [
                "spec.writeBackConfig.method",
                "spec.applicationRefs[0].namePattern",
                "spec.applicationRefs[0].images[0].alias",
                "spec.applicationRefs[1].images",
                "spec.applicationRefs[2].namePattern",
                "spec.applicationRefs[2].images[0].imageName",
                "spec.applicationRefs[2].images[1].alias",
                "spec.applicationRefs[2].images[1].manifestTargets",
                "spec.applicationRefs[3].images[0].manifestTargets",
                "spec.applicationRefs[3].images[1].manifestTargets.kustomize.name",
            ],
            resolution.Errors.Select(e => e.Location.Key));
        Assert.All(resolution.Errors, e => Assert.Contains("ImageUpdater argocd/u", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_patterns_reject_a_trailing_newline_as_the_api_server_does()
    {
        var resource = Resource(Ref("app", Image("web\n", "x"))) with { WriteBackConfig = new() { Method = "git\n" } };
        Assert.Equal(
            ["spec.writeBackConfig.method", "spec.applicationRefs[0].images[0].alias"],
            _resolver.Resolve(resource, [Helm("app")]).Errors.Select(e => e.Location.Key));
    }

    [Fact]
    public void A_resource_without_rules_is_invalid()
    {
        Assert.Equal("spec.applicationRefs", Assert.Single(_resolver.Resolve(Resource(), []).Errors).Location.Key);
    }

    [Fact]
    public void Resolves_the_fixture_end_to_end()
    {
        var set = new ManifestReader().Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "guestbook.yaml")), "guestbook.yaml");
        var resolution = _resolver.Resolve(set.ImageUpdaters[0], set.Applications);
        Assert.Equal(2, resolution.Applications.Count);

        var guestbook = resolution.Applications.Single(r => r.Application.Name == "guestbook").Policy!;
        Assert.Equal("frontend.image.repository", guestbook.Images[0].Target.EffectiveHelmImageName);
        Assert.Equal(WriteBackMethod.ArgoCd, guestbook.WriteBack.Method);

        var api = resolution.Applications.Single(r => r.Application.Name == "api").Policy!;
        Assert.Equal(0, api.Source.Index);
        Assert.Equal("api.image", api.Images[0].Target.HelmImageSpec);
        Assert.Equal("^3.0", api.Images[0].Settings.Constraint);
        Assert.Equal(["latest"], api.Images[0].Settings.IgnoreTags);
        Assert.Equal("secret:argocd/git-creds", api.WriteBack.GitCredentials);
        Assert.Equal("image-updates", api.WriteBack.GitWriteBranch);
    }
}
