using ImageUpdater.WriteBack.Git.Editing;

namespace ImageUpdater.WriteBack.Git.Tests.Editing;

// Each case edits a committed input file and must produce the committed golden file byte for byte.
public sealed class EditorGoldenTests
{
    private const string Digest = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private static readonly ImageEdit Web = new() { ImageName = "ghcr.io/acme/web", Tag = "1.2.0" };

    private static readonly Dictionary<string, Func<string, string>> Cases = new(StringComparer.Ordinal)
    {
        // The alias has no text of its own: the anchored scalar it refers to is what changes, for every user of it.
        ["helmvalues/anchor"] = t => HelmValuesEditor.Edit(t, "values.yaml", [Web]),
        ["helmvalues/comments"] = t => HelmValuesEditor.Edit(t, "values.yaml", [Web]),
        ["helmvalues/flow"] = t => HelmValuesEditor.Edit(t, "values.yaml", [Web]),
        ["helmvalues/flow-missing-key"] = t => HelmValuesEditor.Edit(t, "values.yaml", [Web]),
        ["helmvalues/quoting"] = t => HelmValuesEditor.Edit(t, "values.yaml", [Web]),
        ["helmvalues/crlf"] = t => HelmValuesEditor.Edit(t, "values.yaml", [Web]),
        ["helmvalues/crlf-new-key"] = t => HelmValuesEditor.Edit(t, "values.yaml", [Web]),
        ["helmvalues/bom"] = t => HelmValuesEditor.Edit(t, "values.yaml", [Web]),
        ["helmvalues/missing-path"] = t => HelmValuesEditor.Edit(t, "values.yaml", [Web]),
        ["helmvalues/missing-top-level"] = t => HelmValuesEditor.Edit(t, "values.yaml", [Web]),
        ["helmvalues/empty-value"] = t => HelmValuesEditor.Edit(t, "values.yaml", [Web]),
        ["helmvalues/empty-scalar"] = t => HelmValuesEditor.Edit(t, "values.yaml", [Web]),
        ["helmvalues/number-quoted"] = t => HelmValuesEditor.Edit(t, "values.yaml", [Web with { Tag = "1.10" }]),
        ["helmvalues/block-scalar"] = t => HelmValuesEditor.Edit(t, "values.yaml", [Web]),
        ["helmvalues/unchanged"] = t => HelmValuesEditor.Edit(t, "values.yaml", [Web]),
        ["helmvalues/indexing"] = t => HelmValuesEditor.Edit(t, "values.yaml", [Web with { Alias = "web", HelmImageSpecKey = "containers[0].image" }]),
        ["helmvalues/literal-dotted-key"] = t => HelmValuesEditor.Edit(t, "values.yaml", [Web]),
        ["helmvalues/multi-document"] = t => HelmValuesEditor.Edit(t, "values.yaml", [Web]),

        ["kustomization/update-tag"] = t => KustomizationEditor.Edit(t, "kustomization.yaml", [Web]),
        ["kustomization/new-entry"] = t => KustomizationEditor.Edit(t, "kustomization.yaml", [Web]),
        ["kustomization/no-images-key"] = t => KustomizationEditor.Edit(t, "kustomization.yaml", [Web]),
        ["kustomization/new-name-and-digest"] = t => KustomizationEditor.Edit(t, "kustomization.yaml", [Web with { KustomizeImageName = "web", Digest = Digest }]),
        ["kustomization/stale-digest-removed"] = t => KustomizationEditor.Edit(t, "kustomization.yaml", [Web]),
        ["kustomization/flow"] = t => KustomizationEditor.Edit(t, "kustomization.yaml", [Web]),
        ["kustomization/flow-new-entry"] = t => KustomizationEditor.Edit(t, "kustomization.yaml", [Web]),
        ["kustomization/crlf-bom"] = t => KustomizationEditor.Edit(t, "kustomization.yaml", [Web]),
        ["kustomization/crlf-no-images"] = t => KustomizationEditor.Edit(t, "kustomization.yaml", [Web]),
        ["kustomization/number-quoted"] = t => KustomizationEditor.Edit(t, "kustomization.yaml", [Web with { Tag = "1.10" }]),

        ["markers/suffixes"] = t => MarkerEditor.Edit(t, "deploy.yaml", [Web with { Alias = "web", Digest = Digest }], "apps"),
        ["markers/namespace-multi-document"] = t => MarkerEditor.Edit(t, "deploy.yaml", [Web with { Alias = "web", Digest = Digest }], "apps"),
        ["markers/crlf-bom-flow"] = t => MarkerEditor.Edit(t, "deploy.yaml", [Web with { Alias = "web" }], "apps"),

        ["override/helm-new"] = t => OverrideFileEditor.WriteHelm(t, ".argocd-source-web.yaml", [Web]),
        ["override/helm-merge"] = t => OverrideFileEditor.WriteHelm(t, ".argocd-source-web.yaml", [
            Web with { Alias = "web", Tag = "1.10", HelmImageNameKey = "web.image.name", HelmImageTagKey = "web.image.tag" },
            new ImageEdit { Alias = "api", ImageName = "ghcr.io/acme/api", Tag = "1.10", HelmImageSpecKey = "api.image" }]),
        ["override/kustomize-new"] = t => OverrideFileEditor.WriteKustomize(t, ".argocd-source-web.yaml", [Web]),
        ["override/kustomize-merge"] = t => OverrideFileEditor.WriteKustomize(t, ".argocd-source-web.yaml", [
            Web with { Alias = "web", KustomizeImageName = "web" },
            new ImageEdit { ImageName = "busybox", Tag = "1.36" },
            new ImageEdit { ImageName = "nginx", Tag = "1.27", Digest = Digest }]),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Editor_output_matches_the_golden_file(string name)
    {
        var (input, expected) = GoldenFiles.Read(name.Split('/')[0], name.Split('/')[1]);

        GoldenFiles.AssertSame(expected, Cases[name](input), name);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Editing_the_golden_output_again_changes_nothing(string name)
    {
        var (_, expected) = GoldenFiles.Read(name.Split('/')[0], name.Split('/')[1]);

        GoldenFiles.AssertSame(expected, Cases[name](expected), name + " (second run)");
    }

    [Fact]
    public void Every_golden_file_has_a_case_and_an_input()
    {
        // override-corpus is generated by tests/tools/override-corpus and replayed by OverrideCorpusTests.
        var files = Directory.EnumerateFiles(GoldenFiles.Directory(), "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(GoldenFiles.Directory(), f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("override-corpus/", StringComparison.Ordinal))
            .ToList();
        var expected = Cases.Keys.SelectMany(k => new[] { k + ".input.yaml", k + ".golden.yaml" }).ToList();

        Assert.Equal(expected.Order(StringComparer.Ordinal), files.Order(StringComparer.Ordinal));
    }
}
