using ImageUpdater.Annotations.Manifests;
using ImageUpdater.Applications;

namespace ImageUpdater.Annotations.Tests.Manifests;

public class ManifestReaderTests
{
    private readonly ManifestReader _reader = new();

    [Fact]
    public async Task Reads_the_fixture_with_every_application_field()
    {
        var set = await _reader.ReadFileAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "guestbook.yaml"), TestContext.Current.CancellationToken);
        Assert.Empty(set.Errors);
        Assert.Equal(2, set.Applications.Count);
        Assert.Single(set.ImageUpdaters);
        Assert.Equal(1, set.OtherDocuments);

        var guestbook = set.Applications[0];
        Assert.Equal("guestbook", guestbook.Name);
        Assert.Equal("argocd", guestbook.Namespace);
        Assert.Equal("web", guestbook.Labels["team"]);
        Assert.Equal("web=ghcr.io/acme/guestbook:~1.2", guestbook.Annotations[AnnotationKeys.ImageList]);
        var source = guestbook.Source!;
        Assert.Equal("https://github.com/acme/deploy.git", source.RepositoryUrl);
        Assert.Equal("charts/guestbook", source.Path);
        Assert.Equal("main", source.TargetRevision);
        Assert.Equal(["values.yaml", "values-prod.yaml"], source.Helm!.ValueFiles);
        Assert.Equal(new HelmParameter("frontend.image.tag", "1.2.0", true), Assert.Single(source.Helm.Parameters));
        Assert.Equal("Helm", guestbook.SourceType);
        Assert.Equal(["ghcr.io/acme/guestbook:1.2.0"], guestbook.LiveImages);
        Assert.EndsWith("guestbook.yaml", guestbook.Location.File, StringComparison.Ordinal);
        Assert.Equal(2, guestbook.Location.Line);
        Assert.Contains("document 1 (Application argocd/guestbook)", guestbook.Location.Resource, StringComparison.Ordinal);

        var api = set.Applications[1];
        Assert.True(api.HasMultipleSources);
        Assert.Equal(3, api.Sources.Count);
        Assert.Equal("api", api.Sources[0].Chart);
        Assert.Equal("values", api.Sources[1].Ref);
        Assert.Equal("envsubst", api.Sources[2].Plugin!.Name);
        Assert.Equal(new PluginEnvironmentEntry("IMAGE", "api"), Assert.Single(api.Sources[2].Plugin!.Environment));
        Assert.Equal(["Helm", "Directory", "Plugin"], api.SourceTypes);

        var updater = set.ImageUpdaters[0];
        Assert.Equal("updater", updater.Name);
        Assert.Equal(["latest"], updater.CommonUpdateSettings!.IgnoreTags);
        Assert.Equal("git:secret:argocd/git-creds", updater.WriteBackConfig!.Method);
        Assert.Equal("main:image-updates", updater.WriteBackConfig.GitConfig!.Branch);
        Assert.Equal(2, updater.ApplicationRefs.Count);
        Assert.Equal("api.image", updater.ApplicationRefs[0].Images[0].ManifestTargets!.Helm!.Spec);
        Assert.Equal(["linux/amd64"], updater.ApplicationRefs[0].Images[0].CommonUpdateSettings!.Platforms);
        Assert.True(updater.ApplicationRefs[1].UseAnnotations);
    }

    [Fact]
    public void Reads_json_objects_arrays_and_lists()
    {
        const string json = """
            {"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"one"},"spec":{"source":{"repoURL":"r","kustomize":{"images":["nginx:1.2"]}}}}
            [{"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"two"}}]
            {"apiVersion":"v1","kind":"List","items":[{"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"three","annotations":{"a":"b"}}}]}
            """;
        var set = _reader.Read(json, "apps.json");
        Assert.Empty(set.Errors);
        Assert.Equal(["one", "two", "three"], set.Applications.Select(a => a.Name));
        Assert.Equal(["nginx:1.2"], set.Applications[0].Source!.Kustomize!.Images);
        Assert.Equal(3, set.Applications[2].Location.Line);
    }

    [Fact]
    public void Reads_a_yaml_list_kind()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationList
            items:
              - apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: a}
              - apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: b}
            """;
        Assert.Equal(["a", "b"], _reader.Read(yaml).Applications.Select(a => a.Name));
    }

    [Fact]
    public void Sets_from_several_files_combine_in_order()
    {
        var first = _reader.Read("apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: a}\n---\nkind: ConfigMap\n", "one.yaml");
        var second = _reader.Read("apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: b}\n---\n[unclosed\n", "two.yaml");
        var combined = ManifestSet.Combine([first, ManifestSet.Empty, second]);
        Assert.Equal(["a", "b"], combined.Applications.Select(a => a.Name));
        Assert.Equal(["two.yaml"], combined.Errors.Select(e => e.Location.File));
        Assert.Equal(1, combined.OtherDocuments);
        Assert.Empty(ManifestSet.Combine([]).Applications);
    }

    [Fact]
    public void A_bad_document_is_reported_and_the_others_are_read()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: good
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: bad
              annotations:
                argocd-image-updater.argoproj.io/image-list:
                  - nginx
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              labels: {a: b}
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: also-good
            """;
        var set = _reader.Read(yaml, "apps.yaml");
        Assert.Equal(["good", "also-good"], set.Applications.Select(a => a.Name));
        Assert.Equal(2, set.Errors.Count);
        var first = set.Errors[0];
        Assert.Equal("apps.yaml", first.Location.File);
        Assert.Equal(12, first.Location.Line);
        Assert.Equal("metadata.annotations.argocd-image-updater.argoproj.io/image-list", first.Location.Key);
        Assert.Contains("document 2 (Application bad)", first.Message, StringComparison.Ordinal);
        Assert.Equal("metadata.name", set.Errors[1].Location.Key);
        Assert.Contains("document 3", set.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_yaml_names_file_and_line()
    {
        var set = _reader.Read("apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: [unclosed\n", "broken.yaml");
        var error = Assert.Single(set.Errors);
        Assert.Equal("broken.yaml", error.Location.File);
        Assert.NotNull(error.Location.Line);
        Assert.StartsWith("broken.yaml:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_names_file_and_line()
    {
        var error = Assert.Single(_reader.Read("{\"kind\": \"Application\",\n \"metadata\": }", "broken.json").Errors);
        Assert.Equal(2, error.Location.Line);
    }

    [Theory]
    [InlineData("{\"kind\": \"Application\",\n \"metadata\": {\"name\": \"\\ud800\"}}")]
    [InlineData("{\"kind\": \"Application\",\n \"\\udc00x\": 1}")]
    public void Json_escaped_lone_surrogates_are_errors(string json)
    {
        var error = Assert.Single(_reader.Read(json, "surrogate.json").Errors);
        Assert.Equal("surrogate.json", error.Location.File);
        Assert.Contains("Invalid JSON", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Location.Line);
    }

    [Theory]
    [InlineData("%TAG !e! tag:%\n--- !e!x a\n")]
    [InlineData("a: !<:> b\n")]
    [InlineData("[a, b\n---\n")]
    public void Parser_failures_of_any_kind_become_errors(string yaml)
    {
        var error = Assert.Single(new ManifestReader().Read(yaml, "odd.yaml").Errors);
        Assert.Equal("odd.yaml", error.Location.File);
    }

    [Fact]
    public void Duplicate_keys_are_errors()
    {
        var error = Assert.Single(_reader.Read("kind: Application\nkind: Application\n", "dup.yaml").Errors);
        Assert.Contains("Duplicate key 'kind'", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Location.Line);
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_are_resolved()
    {
        const string yaml = """
            common: &labels {team: web, tier: front}
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: app
              labels:
                <<: *labels
                tier: back
            """;
        var app = Assert.Single(_reader.Read(yaml).Applications);
        Assert.Equal("web", app.Labels["team"]);
        Assert.Equal("back", app.Labels["tier"]);
    }

    [Fact]
    public void Alias_bombs_are_rejected_quickly()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 12; i++)
        {
            var refs = string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10));
            lines.Add($"a{i}: &a{i} [{refs}]");
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        var set = _reader.Read(string.Join('\n', lines), "bomb.yaml");
        Assert.Contains("expands to more than", Assert.Single(set.Errors).Message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Deep_nesting_is_rejected()
    {
        var yaml = "kind: " + new string('[', 200) + new string(']', 200);
        Assert.Contains("Nesting deeper", Assert.Single(_reader.Read(yaml).Errors).Message, StringComparison.Ordinal);
        var json = "{\"kind\":" + new string('[', 200) + new string(']', 200) + "}";
        Assert.Contains("depth", Assert.Single(_reader.Read(json).Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_text_is_rejected_without_parsing()
    {
        var reader = new ManifestReader(new ManifestReaderOptions { MaxTextLength = 10 });
        Assert.Contains("more than the limit", Assert.Single(reader.Read("kind: Application\n", "big.yaml").Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_documents_are_rejected()
    {
        var reader = new ManifestReader(new ManifestReaderOptions { MaxDocuments = 2 });
        Assert.Contains("More than 2 documents", Assert.Single(reader.Read("a: 1\n---\na: 2\n---\na: 3\n").Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_field_types_name_the_field()
    {
        const string yaml = """
            apiVersion: argocd-image-updater.argoproj.io/v1alpha1
            kind: ImageUpdater
            metadata: {name: u, namespace: argocd}
            spec:
              applicationRefs:
                - namePattern: "*"
                  useAnnotations: "yes"
                  images: {alias: a}
            """;
        var set = _reader.Read(yaml, "u.yaml");
        Assert.Empty(set.ImageUpdaters);
        Assert.Equal(["spec.applicationRefs[0].images", "spec.applicationRefs[0].useAnnotations"], set.Errors.Select(e => e.Location.Key).Order());
        Assert.All(set.Errors, e => Assert.Contains("ImageUpdater argocd/u", e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("metadata: {namespace: argocd}\n")]
    [InlineData("metadata: {name: ''}\n")]
    [InlineData("spec: {}\n")]
    public void An_image_updater_without_a_name_is_an_error(string rest)
    {
        var set = _reader.Read("apiVersion: argocd-image-updater.argoproj.io/v1alpha1\nkind: ImageUpdater\n" + rest, "u.yaml");
        Assert.Empty(set.ImageUpdaters);
        var error = Assert.Single(set.Errors);
        Assert.Equal("metadata.name", error.Location.Key);
        Assert.Contains("An ImageUpdater needs a name.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_image_updater_version_is_an_error()
    {
        var error = Assert.Single(_reader.Read("apiVersion: argocd-image-updater.argoproj.io/v2\nkind: ImageUpdater\nmetadata: {name: u}\n").Errors);
        Assert.Equal("apiVersion", error.Location.Key);
    }

    [Fact]
    public void Empty_documents_and_null_values_are_fine()
    {
        var set = _reader.Read("---\n---\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: a\n  annotations: ~\nspec: null\n");
        Assert.Empty(set.Errors);
        Assert.Empty(Assert.Single(set.Applications).Annotations);
    }

    [Fact]
    public async Task Unreadable_file_is_an_error_naming_it()
    {
        var set = await _reader.ReadFileAsync("/nonexistent/apps.yaml", TestContext.Current.CancellationToken);
        Assert.Equal("/nonexistent/apps.yaml", Assert.Single(set.Errors).Location.File);
    }
}
