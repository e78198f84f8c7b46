using System.Text;
using CsCheck;
using ImageUpdater.Annotations.Manifests;
using ImageUpdater.Applications;
using ImageUpdater.Policies;

namespace ImageUpdater.Annotations.Tests.Properties;

/// <summary>No input may crash a reader: every input gives a result or errors that name where the problem is.</summary>
public class RobustnessProperties
{
    private static readonly string[] Suffixes =
    [
        "image-list", "update-strategy", "force-update", "allow-tags", "ignore-tags", "pull-secret", "platforms",
        "helm.image-name", "helm.image-tag", "helm.image-spec", "kustomize.image-name", "write-back-method",
        "write-back-target", "git-branch", "git-repository",
    ];

    private static readonly string[] Values =
    [
        "", " ", "nginx", "web=nginx:1.x", "a=", "=b", ",,", "web=ghcr.io/a/b:~1.2, api=x@sha256:abc", "true", "FALSE", "yes",
        "git", "git:", "git:secret:ns/n", "argocd", "a:b", "a:b:c", ":t", "kustomization:/x", "helmvalues", "markers:..",
        "regexp:[", "any", "linux/amd64, ,", "image.tag", "UPPER/Case:Tag", "\t", "a=b=c", "é=ünïcode",
    ];

    private static readonly Gen<string> Fragment = Gen.OneOf(
        Gen.OneOf(Values),
        Gen.Char[" ,=:@/.*?[]abcAB019\t-_"].Array[0, 24].Select(static chars => new string(chars)));

    private static readonly Gen<string> Key = Gen.OneOf(
        Gen.OneOf(Suffixes).Select(static s => AnnotationKeys.Prefix + s),
        Gen.Select(Gen.OneOf("web", "api", "a", "", "b.c"), Gen.OneOf(Suffixes), static (alias, s) => AnnotationKeys.Prefix + alias + "." + s),
        Fragment);

    private static readonly Gen<Dictionary<string, string>> AnnotationMap =
        Gen.Select(Key, Fragment).Array[0, 12].Select(static pairs =>
        {
            var map = new Dictionary<string, string>();
            foreach (var (key, value) in pairs)
            {
                map[key] = value;
            }

            return map;
        });

    [Fact]
    public void Random_annotation_maps_give_a_policy_or_named_errors()
    {
        var reader = new AnnotationPolicyReader();
        AnnotationMap.Sample(annotations =>
        {
            var app = new ArgoApplication
            {
                Name = "fuzz",
                Namespace = "argocd",
                Annotations = annotations,
                Source = new ApplicationSource { Path = "p", Kustomize = new KustomizeSource() },
            };
            var result = reader.Read(app);
            switch (result.Outcome)
            {
                case PolicyOutcome.Ready:
                    Assert.NotEmpty(result.Policy!.Images);
                    Assert.All(result.Policy.Images, i => Assert.NotNull(i.Settings));
                    break;
                case PolicyOutcome.Rejected:
                    Assert.NotEmpty(result.Errors);
                    Assert.All(result.Errors, e =>
                    {
                        Assert.StartsWith(AnnotationKeys.Prefix, e.Location.Key, StringComparison.Ordinal);
                        Assert.Contains("Application argocd/fuzz", e.Message, StringComparison.Ordinal);
                    });
                    break;
                default:
                    Assert.False(annotations.ContainsKey(AnnotationKeys.ImageList));
                    break;
            }
        }, iter: 3000);
    }

    private static readonly string Fixture = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "guestbook.yaml"));

    // Mutations of a real file reach deep into the parser; pure noise covers the tokenizer.
    private static readonly Gen<string> MutatedFixture =
        Gen.Select(Gen.Int[0, Fixture.Length - 1], Gen.Int[0, 40], Gen.Char["\n\t :-[]{}&*!|>'\"#%@`,?<=~"].Array[0, 6])
            .Array[1, 8]
            .Select(static edits =>
            {
                var text = new StringBuilder(Fixture);
                foreach (var (at, remove, insert) in edits)
                {
                    var start = Math.Min(at, text.Length);
                    text.Remove(start, Math.Min(remove, text.Length - start));
                    text.Insert(start, insert);
                }

                return text.ToString();
            });

    private static readonly Gen<string> Noise =
        Gen.Char["\n\t :-[]{}&*!|>'\"#%@`,?<=~abc01"].Array[0, 200].Select(static chars => new string(chars));

    [Fact]
    public void Random_yaml_never_crashes_the_reader()
    {
        var reader = new ManifestReader();
        var resolver = new ImageUpdaterPolicyResolver(new AnnotationPolicyReader());
        Gen.OneOf(MutatedFixture, Noise).Sample(text =>
        {
            var set = reader.Read(text, "fuzz.yaml");
            Assert.All(set.Errors, e => Assert.Equal("fuzz.yaml", e.Location.File));
            Assert.All(set.Errors, e => Assert.Contains("document", e.Message, StringComparison.Ordinal));
            foreach (var resource in set.ImageUpdaters)
            {
                var resolution = resolver.Resolve(resource, set.Applications);
                Assert.All(resolution.Applications, r => Assert.True(r.Outcome != PolicyOutcome.Rejected || r.Errors.Count > 0));
            }
        }, iter: 3000);
    }

    [Fact]
    public void Random_json_never_crashes_the_reader()
    {
        var reader = new ManifestReader();
        Gen.Char["{}[]\":,truefalsn0123 \n\\"].Array[1, 120].Select(static c => "{" + new string(c)).Sample(text =>
        {
            var set = reader.Read(text, "fuzz.json");
            Assert.All(set.Errors, e => Assert.Equal("fuzz.json", e.Location.File));
        }, iter: 2000);
    }

    private static readonly Gen<string> Scalar = Gen.OneOf(
        Gen.OneOf("\"*\"", "app-*", "'[a-'", "guestbook", "true", "\"yes\"", "null", "[]", "{}", "semver", "git", "git:x", "svn",
            "argocd", "\"a:b:c\"", "kustomization", "helmvalues:/v.yaml", "-bad", "ok", "nginx:1.x", "'In'", "NotIn", "Exists", "Bogus"),
        Fragment.Select(static s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'"));

    private static readonly Gen<string> Settings = Gen.Select(Scalar, Scalar, Scalar, Scalar, static (a, b, c, d) =>
        $"{{updateStrategy: {a}, forceUpdate: {b}, allowTags: {c}, ignoreTags: [{d}], platforms: [{a}], pullSecret: {c}}}");

    private static readonly Gen<string> Image = Gen.Select(Scalar, Scalar, Settings, Gen.OneOf(
            "", ", manifestTargets: {helm: {name: a, tag: b}}", ", manifestTargets: {kustomize: {name: n}}",
            ", manifestTargets: {}", ", manifestTargets: {helm: {spec: s}, kustomize: {}}"),
        static (alias, name, settings, targets) => $"{{alias: {alias}, imageName: {name}, commonUpdateSettings: {settings}{targets}}}");

    private static readonly Gen<string> Rule = Gen.Select(Scalar, Scalar, Image.Array[0, 3], Gen.OneOf(
            "", ", labelSelectors: {matchLabels: {team: web}}", ", labelSelectors: {matchExpressions: [{key: env, operator: In, values: [prod]}]}",
            ", labelSelectors: {matchExpressions: [{key: env, operator: Bogus}]}", ", labelSelectors: {}"),
        Gen.Select(Scalar, Scalar),
        static (pattern, use, images, selector, wb) =>
            $"{{namePattern: {pattern}, useAnnotations: {use}, images: [{string.Join(", ", images)}]{selector}, writeBackConfig: {{method: {wb.Item1}, gitConfig: {{branch: {wb.Item2}, writeBackTarget: {wb.Item1}}}}}}}");

    [Fact]
    public void Random_image_updater_resources_resolve_or_report_named_errors()
    {
        var reader = new ManifestReader();
        var resolver = new ImageUpdaterPolicyResolver(new AnnotationPolicyReader());
        var apps = reader.Read(Fixture, "apps.yaml").Applications;
        Gen.Select(Settings, Rule.Array[0, 4]).Select(static t =>
            $"apiVersion: argocd-image-updater.argoproj.io/v1alpha1\nkind: ImageUpdater\nmetadata: {{name: u, namespace: argocd}}\nspec:\n  commonUpdateSettings: {t.Item1}\n  applicationRefs: [{string.Join(", ", t.Item2)}]\n")
            .Sample(text =>
            {
                var set = reader.Read(text, "cr.yaml");
                Assert.All(set.Errors, e => Assert.Contains("cr.yaml", e.Message, StringComparison.Ordinal));
                foreach (var resource in set.ImageUpdaters)
                {
                    var resolution = resolver.Resolve(resource, apps);
                    Assert.All(resolution.Errors, e => Assert.StartsWith("spec.", e.Location.Key, StringComparison.Ordinal));
                    Assert.All(resolution.Applications.Where(r => r.Outcome == PolicyOutcome.Rejected), r => Assert.NotEmpty(r.Errors));
                    Assert.All(resolution.Applications.Where(r => r.Outcome == PolicyOutcome.Ready), r => Assert.NotNull(r.Policy!.Source));
                }
            }, iter: 2000);
    }
}
