using System.Text;
using Microsoft.AspNetCore.Http;
using System.Text.Json;
using ImageUpdater.Cli.Tests.RegistryQueries;
using ImageUpdater.Testing;

namespace ImageUpdater.Cli.Tests.Commands;

/// <summary>
/// <c>run --once --apps DIR</c> with the git method, end to end: Application files in a folder, images in a real
/// docker-registry, and each application's repository a real bare git repository named by its local path or a
/// <c>file://</c> URL. Every assertion reads the bare repository itself: the commit, its message and its diff.
/// </summary>
public sealed class RunGitWriteBackTests(PublicRegistryFixture registry) : IClassFixture<PublicRegistryFixture>
{
    private const string Prefix = "argocd-image-updater.argoproj.io/";

    // The commit message names the image without its registry, as the reference's does.
    private const string WebName = "acme/web";

    private string Web => registry.Image(WebName);

    [Fact]
    public async Task Helm_override_file_changes_only_the_tag_value_then_a_second_run_makes_no_commit()
    {
        using var repo = await BareRepository.CreateAsync(new Dictionary<string, string>
        {
            ["charts/web/Chart.yaml"] = "apiVersion: v2\nname: web\nversion: 0.1.0\n",
            ["charts/web/.argocd-source-web.yaml"] = $"""
                helm:
                  parameters:
                  - name: image.name
                    value: {Web}
                    forcestring: true
                  - name: image.tag
                    value: 1.0.0
                    forcestring: true

                """,
        });
        using var apps = new TemporaryFolder("run-git-apps-");
        // No alias: the reference's default keys image.name and image.tag (an aliased image must name its keys).
        apps.WriteFile("web.yaml", App("web", repo.Path, "charts/web", Annotations(("image-list", $"{Web}:~1"), ("write-back-method", "git")), Helm));

        await AssertOneValueChangedAsync(apps, repo, "web", "charts/web/.argocd-source-web.yaml", "1.0.0", "1.2.0");
        await AssertSecondRunChangesNothingAsync(apps, repo, "web");
    }

    [Fact]
    public async Task Kustomize_override_file_is_written_from_the_running_image_in_status()
    {
        using var repo = await BareRepository.CreateAsync(new Dictionary<string, string>
        {
            ["overlays/web/kustomization.yaml"] = "resources:\n  - deployment.yaml\n",
        });
        using var apps = new TemporaryFolder("run-git-apps-");
        apps.WriteFile("kust.yaml", App("kust", repo.FileUrl, "overlays/web", Annotations(("image-list", $"web={Web}:~1"), ("write-back-method", "git")), Kustomize, RunningStatus(Web + ":1.1.0")));

        var (exitCode, json, error) = await RunJsonAsync(apps);

        Assert.True(exitCode == 0, error + json);
        Assert.Equal("updated", Application(json, "kust").GetProperty("outcome").GetString());
        Assert.Equal(["overlays/web/.argocd-source-kust.yaml"], await ChangedFilesAsync(repo));
        var written = await repo.ReadFileAsync("main", "overlays/web/.argocd-source-kust.yaml");
        Assert.Equal($"kustomize:\n  images:\n  - {Web}:1.2.0\n", written);
        Assert.Equal($"build: automatic update of kust\n\nupdates image {WebName} tag '1.1.0' to '1.2.0'", (await repo.CommitsAsync("main"))[0].Message);

        // status still says 1.1.0 (Argo CD has not synced), but the override file already holds 1.2.0: nothing to write.
        await AssertSecondRunChangesNothingAsync(apps, repo, "kust");
    }

    [Fact]
    public async Task Kustomization_target_changes_only_the_new_tag()
    {
        using var repo = await BareRepository.CreateAsync(new Dictionary<string, string>
        {
            ["deploy/kustomization.yaml"] = $"""
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - deployment.yaml   # the workload
                images:
                  - name: {Web}
                    newTag: "1.0.0"   # pinned by the updater

                """,
        });
        using var apps = new TemporaryFolder("run-git-apps-");
        apps.WriteFile("kz.yaml", App("kz", repo.Path, "deploy", Annotations(("image-list", $"web={Web}:~1"), ("write-back-method", "git"), ("write-back-target", "kustomization")), Kustomize));

        await AssertOneValueChangedAsync(apps, repo, "kz", "deploy/kustomization.yaml", "1.0.0", "1.2.0");
        await AssertSecondRunChangesNothingAsync(apps, repo, "kz");
    }

    [Fact]
    public async Task Helm_values_target_changes_only_the_tag_key()
    {
        using var repo = await BareRepository.CreateAsync(new Dictionary<string, string>
        {
            ["charts/api/values.yaml"] = $"""
                # api chart values
                replicas: 2
                image:
                  repository: {Web}
                  tag: '1.1.0'  # kept quoted
                  pullPolicy: IfNotPresent

                """,
        });
        using var apps = new TemporaryFolder("run-git-apps-");
        var annotations = Annotations(
            ("image-list", $"api={Web}:~1"),
            ("write-back-method", "git"),
            ("write-back-target", "helmvalues:values.yaml"),
            ("api.helm.image-name", "image.repository"),
            ("api.helm.image-tag", "image.tag"));
        apps.WriteFile("api.yaml", App("api", repo.Path, "charts/api", annotations, Helm));

        await AssertOneValueChangedAsync(apps, repo, "api", "charts/api/values.yaml", "1.1.0", "1.2.0");
        await AssertSecondRunChangesNothingAsync(apps, repo, "api");
    }

    [Fact]
    public async Task Markers_target_changes_only_the_marked_scalar()
    {
        using var repo = await BareRepository.CreateAsync(new Dictionary<string, string>
        {
            ["manifests/deployment.yaml"] = $$"""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          image: {{Web}}:1.0.0 # {"$imagepolicy": "argocd:web"}
                        - name: sidecar
                          image: {{Web}}:1.0.0

                """,
        });
        using var apps = new TemporaryFolder("run-git-apps-");
        apps.WriteFile("mk.yaml", App("mk", repo.Path, "manifests", Annotations(("image-list", $"web={Web}:~1"), ("write-back-method", "git"), ("write-back-target", "markers")), Plain));

        await AssertOneValueChangedAsync(apps, repo, "mk", "manifests/deployment.yaml", "1.0.0", "1.2.0");
        await AssertSecondRunChangesNothingAsync(apps, repo, "mk");
    }

    [Fact]
    public async Task A_dry_run_reports_the_update_and_pushes_nothing()
    {
        using var repo = await BareRepository.CreateAsync(new Dictionary<string, string>
        {
            ["deploy/kustomization.yaml"] = $"images:\n  - name: {Web}\n    newTag: 1.0.0\n",
        });
        using var apps = new TemporaryFolder("run-git-apps-");
        var manifest = App("kz", repo.Path, "deploy", Annotations(("image-list", $"web={Web}:~1"), ("write-back-method", "git"), ("write-back-target", "kustomization")), Kustomize);
        var file = apps.WriteFile("kz.yaml", manifest);
        var tip = await repo.TipAsync("main");

        var (exitCode, json, error) = await RunJsonAsync(apps, "--dry-run");

        Assert.True(exitCode == 0, error + json);
        Assert.True(json.GetProperty("dryRun").GetBoolean());
        var image = Application(json, "kz").GetProperty("images")[0];
        Assert.Equal(Web + ":1.0.0", image.GetProperty("current").GetString());
        Assert.Equal(Web + ":1.2.0", image.GetProperty("selected").GetString());
        Assert.True(image.GetProperty("updated").GetBoolean());
        Assert.Equal(tip, await repo.TipAsync("main"));
        Assert.Equal(manifest, File.ReadAllText(file));
        Assert.Equal([file], Directory.GetFiles(apps.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Force_update_writes_an_image_the_application_does_not_run()
    {
        using var repo = await BareRepository.CreateAsync(new Dictionary<string, string>
        {
            ["overlays/a/kustomization.yaml"] = "resources: []\n",
            ["overlays/b/kustomization.yaml"] = "resources: []\n",
        });
        using var apps = new TemporaryFolder("run-git-apps-");

        // Neither a status nor an override file: the repository says the image is not running.
        apps.WriteFile("forced.yaml", App("forced", repo.Path, "overlays/a", Annotations(("image-list", $"web={Web}:~1"), ("write-back-method", "git"), ("web.force-update", "true")), Kustomize));
        apps.WriteFile("unforced.yaml", App("unforced", repo.Path, "overlays/b", Annotations(("image-list", $"web={Web}:~1"), ("write-back-method", "git")), Kustomize));

        var (exitCode, json, error) = await RunJsonAsync(apps);

        Assert.True(exitCode == 0, error + json);
        Assert.Equal("updated", Application(json, "forced").GetProperty("outcome").GetString());
        Assert.Equal("unchanged", Application(json, "unforced").GetProperty("outcome").GetString());
        Assert.False(Application(json, "unforced").GetProperty("images")[0].GetProperty("updated").GetBoolean());
        Assert.Equal(["overlays/a/.argocd-source-forced.yaml"], await ChangedFilesAsync(repo));
        Assert.Equal($"kustomize:\n  images:\n  - {Web}:1.2.0\n", await repo.ReadFileAsync("main", "overlays/a/.argocd-source-forced.yaml"));
        Assert.Equal(2, (await repo.CommitsAsync("main")).Count);
    }

    [Fact]
    public async Task Digest_strategy_pins_the_watched_tag_to_its_digest_and_then_holds()
    {
        using var repo = await BareRepository.CreateAsync(new Dictionary<string, string>
        {
            ["deploy/deployment.yaml"] = $$"""
                containers:
                  - name: web
                    image: {{Web}}:latest # {"$imagepolicy": "argocd:web"}

                """,
        });
        using var apps = new TemporaryFolder("run-git-apps-");
        apps.WriteFile("dg.yaml", App("dg", repo.Path, "deploy", Annotations(("image-list", $"web={Web}:latest"), ("web.update-strategy", "digest"), ("write-back-method", "git"), ("write-back-target", "markers")), Plain));

        await AssertOneValueChangedAsync(apps, repo, "dg", "deploy/deployment.yaml", Web + ":latest", $"{Web}:latest@{registry.WebLatestDigest}");
        await AssertSecondRunChangesNothingAsync(apps, repo, "dg");
    }

    [Fact]
    public async Task Commit_author_comes_from_the_command_line()
    {
        using var repo = await BareRepository.CreateAsync(new Dictionary<string, string>
        {
            ["deploy/kustomization.yaml"] = $"images:\n  - name: {Web}\n    newTag: 1.1.0\n",
        });
        using var apps = new TemporaryFolder("run-git-apps-");
        apps.WriteFile("kz.yaml", App("kz", repo.Path, "deploy", Annotations(("image-list", $"web={Web}:~1"), ("write-back-method", "git"), ("write-back-target", "kustomization")), Kustomize));

        var (exitCode, json, error) = await RunJsonAsync(apps, "--git-commit-user", "Release Bot", "--git-commit-email", "bot@example.test");

        Assert.True(exitCode == 0, error + json);
        var commit = (await repo.CommitsAsync("main"))[0];
        Assert.Equal(("Release Bot", "bot@example.test"), (commit.AuthorName, commit.AuthorEmail));
    }

    [Fact]
    public async Task Applications_sharing_a_repository_get_one_commit_each_in_one_push()
    {
        using var repo = await BareRepository.CreateAsync(new Dictionary<string, string>
        {
            ["deploy/one/kustomization.yaml"] = $"images:\n  - name: {Web}\n    newTag: 1.0.0\n",
            ["deploy/two/kustomization.yaml"] = $"images:\n  - name: {Web}\n    newTag: 1.1.0\n",
        });
        await GitCli.RunAsync(repo.Path, "config", "core.logAllRefUpdates", "always");
        using var apps = new TemporaryFolder("run-git-apps-");
        foreach (var name in new[] { "one", "two" })
        {
            apps.WriteFile(name + ".yaml", App(name, repo.Path, "deploy/" + name, Annotations(("image-list", $"web={Web}:~1"), ("write-back-method", "git"), ("write-back-target", "kustomization")), Kustomize));
        }

        var (exitCode, json, error) = await RunJsonAsync(apps);

        Assert.True(exitCode == 0, error + json);
        var commits = await repo.CommitsAsync("main");
        Assert.Equal(3, commits.Count);
        Assert.Equal(
            ["build: automatic update of one", "build: automatic update of two"],
            commits.Take(2).Select(static c => c.Message.Split('\n')[0]).Order());
        foreach (var commit in commits.Take(2))
        {
            var app = commit.Message.Split('\n')[0].Split(' ')[^1];
            var files = await GitCli.RunAsync(repo.Path, "diff-tree", "--no-commit-id", "--name-only", "-r", commit.Sha);
            Assert.Equal($"deploy/{app}/kustomization.yaml", files.Trim());
        }

        // The bare repository logs each ref update: both commits arrived in one push.
        var updates = await GitCli.RunAsync(repo.Path, "reflog", "show", "--format=%H", "refs/heads/main");
        Assert.Single(updates.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_write_branch_receives_the_commit_and_the_base_branch_is_left_alone()
    {
        using var repo = await BareRepository.CreateAsync(new Dictionary<string, string>
        {
            ["deploy/kustomization.yaml"] = $"images:\n  - name: {Web}\n    newTag: 1.0.0\n",
        });
        var baseTip = await repo.TipAsync("main");
        using var apps = new TemporaryFolder("run-git-apps-");
        var annotations = Annotations(
            ("image-list", $"web={Web}:~1"),
            ("write-back-method", "git"),
            ("write-back-target", "kustomization"),
            ("git-branch", "main:image-updater/{{.AppName}}"));
        apps.WriteFile("wb.yaml", App("wb", repo.Path, "deploy", annotations, Kustomize));

        var (exitCode, json, error) = await RunJsonAsync(apps);

        Assert.True(exitCode == 0, error + json);
        Assert.Equal("updated", Application(json, "wb").GetProperty("outcome").GetString());
        Assert.Equal(baseTip, await repo.TipAsync("main"));
        var commits = await repo.CommitsAsync("image-updater/wb");
        Assert.Equal(baseTip, Assert.Single(commits[0].Parents));
        Assert.Equal("build: automatic update of wb", commits[0].Message.Split('\n')[0]);
        Assert.Contains("newTag: 1.2.0", await repo.ReadFileAsync("image-updater/wb", "deploy/kustomization.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_cycle_fails_a_bad_annotation_a_failing_registry_and_a_rejected_push_and_still_updates_the_healthy_app()
    {
        var brokenRequests = 0;
        await using var broken = await LoopbackServer.StartAsync(context =>
        {
            Interlocked.Increment(ref brokenRequests);
            context.Response.StatusCode = 500;
            return context.Response.WriteAsync("internal error", context.RequestAborted);
        });
        var conf = registry.WriteFile(
            $"mixed-{Guid.NewGuid():N}.conf",
            registry.Registry.RegistriesConf() + $"- name: broken\n  api_url: {broken.BaseUri.GetLeftPart(UriPartial.Authority)}\n  prefix: {broken.Authority}\n");
        var kustomization = $"images:\n  - name: {Web}\n    newTag: 1.0.0\n";
        using var healthyRepo = await BareRepository.CreateAsync(new Dictionary<string, string> { ["deploy/kustomization.yaml"] = kustomization });
        using var refusingRepo = await BareRepository.CreateAsync(new Dictionary<string, string> { ["deploy/kustomization.yaml"] = kustomization });
        using var otherRepo = await BareRepository.CreateAsync(new Dictionary<string, string>
        {
            ["deploy/kustomization.yaml"] = $"images:\n  - name: {broken.Authority}/acme/web\n    newTag: 1.0.0\n",
        });
        var hook = Path.Combine(refusingRepo.Path, "hooks", "pre-receive");
        await File.WriteAllTextAsync(hook, "#!/bin/sh\necho 'pushes to this repository are frozen' >&2\nexit 1\n", TestContext.Current.CancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var refusedTip = await refusingRepo.TipAsync("main");
        var otherTip = await otherRepo.TipAsync("main");

        using var apps = new TemporaryFolder("run-git-apps-");
        string Git(string image, string extra = "") => Annotations(("image-list", image), ("write-back-method", "git"), ("write-back-target", "kustomization")) + extra;
        apps.WriteFile("bad.yaml", App("bad", healthyRepo.Path, "deploy", Git($"web={Web}:~1", Annotations(("web.force-update", "maybe"))), Kustomize));
        apps.WriteFile("failing-registry.yaml", App("failing-registry", otherRepo.Path, "deploy", Git($"web={broken.Authority}/acme/web:~1"), Kustomize));
        apps.WriteFile("refused.yaml", App("refused", refusingRepo.FileUrl, "deploy", Git($"web={Web}:~1"), Kustomize));
        apps.WriteFile("healthy.yaml", App("healthy", healthyRepo.Path, "deploy", Git($"web={Web}:~1"), Kustomize));

        var (exitCode, output, error) = await CommandLineRunner.RunAsync("run", "--once", "--apps", apps.Path, "--registries-conf", conf, "-o", "json");

        Assert.True(exitCode == 1, error + output);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(
            ["bad:rejected", "failing-registry:failed", "healthy:updated", "refused:failed"],
            json.GetProperty("applications").EnumerateArray().Select(a => a.GetProperty("name").GetString() + ":" + a.GetProperty("outcome").GetString()).Order());

        var bad = Assert.Single(Application(json, "bad").GetProperty("errors").EnumerateArray());
        Assert.Equal("configuration", bad.GetProperty("kind").GetString());
        Assert.Contains("force-update", bad.GetProperty("message").GetString(), StringComparison.Ordinal);

        var registryError = Application(json, "failing-registry").GetProperty("images")[0].GetProperty("error");
        Assert.Equal("transport", registryError.GetProperty("kind").GetString());
        Assert.Contains(broken.Authority, registryError.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("500", registryError.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.InRange(brokenRequests, 1, 20);
        Assert.Equal(otherTip, await otherRepo.TipAsync("main"));

        var pushError = Assert.Single(Application(json, "refused").GetProperty("errors").EnumerateArray());
        Assert.Equal("write-back", pushError.GetProperty("kind").GetString());
        Assert.Contains("refused", pushError.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(refusedTip, await refusingRepo.TipAsync("main"));

        Assert.Equal(["deploy/kustomization.yaml"], await ChangedFilesAsync(healthyRepo));
        Assert.Contains("newTag: 1.2.0", await healthyRepo.ReadFileAsync("main", "deploy/kustomization.yaml"), StringComparison.Ordinal);
        Assert.Equal("build: automatic update of healthy", (await healthyRepo.CommitsAsync("main"))[0].Message.Split('\n')[0]);

        var summary = json.GetProperty("summary");
        Assert.Equal((4, 1, 2, 1), (summary.GetProperty("applications").GetInt32(), summary.GetProperty("updated").GetInt32(), summary.GetProperty("failed").GetInt32(), summary.GetProperty("rejected").GetInt32()));
    }

    private async Task AssertOneValueChangedAsync(TemporaryFolder apps, BareRepository repo, string app, string file, string before, string after)
    {
        var seed = await repo.TipAsync("main");

        var (exitCode, json, error) = await RunJsonAsync(apps);

        Assert.True(exitCode == 0, error + json);
        var result = Application(json, app);
        Assert.Equal("updated", result.GetProperty("outcome").GetString());
        Assert.True(result.GetProperty("images")[0].GetProperty("updated").GetBoolean());
        var commits = await repo.CommitsAsync("main");
        Assert.Equal(2, commits.Count);
        Assert.Equal(seed, Assert.Single(commits[0].Parents));
        Assert.Equal([file], await ChangedFilesAsync(repo));

        // One line removed and the same line added back with only the value changed: comments, quoting and
        // indentation are kept.
        var changed = await ChangedLinesAsync(repo);
        Assert.Equal(2, changed.Length);
        Assert.StartsWith("-", changed[0], StringComparison.Ordinal);
        Assert.Contains(before, changed[0], StringComparison.Ordinal);
        Assert.Equal("+" + changed[0][1..].Replace(before, after, StringComparison.Ordinal), changed[1]);

        var oldTag = before[(before.LastIndexOf(':') + 1)..];
        // A digest update's new "tag" is the digest.
        var newTag = after.Contains('@', StringComparison.Ordinal) ? after[(after.IndexOf('@', StringComparison.Ordinal) + 1)..] : after[(after.LastIndexOf(':') + 1)..];
        Assert.Equal($"build: automatic update of {app}\n\nupdates image {WebName} tag '{oldTag}' to '{newTag}'", commits[0].Message);
    }

    private async Task AssertSecondRunChangesNothingAsync(TemporaryFolder apps, BareRepository repo, string app)
    {
        var tip = await repo.TipAsync("main");

        var (exitCode, json, error) = await RunJsonAsync(apps);

        Assert.True(exitCode == 0, error + json);
        Assert.Equal("unchanged", Application(json, app).GetProperty("outcome").GetString());
        Assert.Equal(0, json.GetProperty("summary").GetProperty("imagesUpdated").GetInt32());
        Assert.Equal(tip, await repo.TipAsync("main"));
    }

    private async Task<(int ExitCode, JsonElement Json, string Error)> RunJsonAsync(TemporaryFolder apps, params string[] extra)
    {
        var (exitCode, output, error) = await CommandLineRunner.RunAsync(
            ["run", "--once", "--apps", apps.Path, "--registries-conf", registry.RegistriesConf, "-o", "json", .. extra]);
        Assert.True(output.Length > 0, $"exit code {exitCode}, no output: {error}");
        return (exitCode, JsonDocument.Parse(output).RootElement.Clone(), error);
    }

    private static JsonElement Application(JsonElement json, string name) =>
        json.GetProperty("applications").EnumerateArray().Single(a => a.GetProperty("name").GetString() == name);

    private static async Task<string[]> ChangedFilesAsync(BareRepository repo) =>
        (await GitCli.RunAsync(repo.Path, "diff", "--name-only", "main~1", "main")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static async Task<string[]> ChangedLinesAsync(BareRepository repo) =>
        [.. (await GitCli.RunAsync(repo.Path, "diff", "--unified=0", "--no-color", "main~1", "main"))
            .Split('\n')
            .Where(static line => line.Length > 0 && line[0] is '+' or '-' && !line.StartsWith("+++", StringComparison.Ordinal) && !line.StartsWith("---", StringComparison.Ordinal))];

    private const string Helm = "helm:\n      releaseName: web";

    private const string Kustomize = "kustomize:\n      namePrefix: app-";

    private const string Plain = "directory:\n      recurse: true";

    private static string Annotations(params (string Key, string Value)[] annotations)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in annotations)
        {
            text.Append("    ").Append(Prefix).Append(key).Append(": ").Append(JsonSerializer.Serialize(value)).Append('\n');
        }

        return text.ToString();
    }

    private static string RunningStatus(string image) => $"status:\n  summary:\n    images:\n      - {image}\n";

    private static string App(string name, string repoUrl, string path, string annotations, string sourceBlock, string status = "") =>
        $"apiVersion: argoproj.io/v1alpha1\n"
        + $"kind: Application\n"
        + $"metadata:\n  name: {name}\n  namespace: argocd\n  annotations:\n{annotations}"
        + $"spec:\n  project: default\n  source:\n    repoURL: {repoUrl}\n    targetRevision: main\n    path: {path}\n    {sourceBlock}\n"
        + status;
}
