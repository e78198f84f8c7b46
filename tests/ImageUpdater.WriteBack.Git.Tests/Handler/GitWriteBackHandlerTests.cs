using System.Text;
using ImageUpdater.Applications;
using ImageUpdater.Engine;
using ImageUpdater.Policies;
using ImageUpdater.Testing;
using static ImageUpdater.WriteBack.Git.Tests.Handler.HandlerHarness;

namespace ImageUpdater.WriteBack.Git.Tests.Handler;

public sealed class GitWriteBackHandlerTests
{
    private static readonly ImageUpdatePolicy Web = Image("ghcr.io/acme/web:1.0.0");
    private static readonly ImageUpdatePolicy Api = Image(
        "ghcr.io/acme/api:2.0.0",
        "api",
        new ImageManifestTarget { HelmImageName = "api.image.name", HelmImageTag = "api.image.tag" });

    private static readonly Dictionary<string, string> Seed = new()
    {
        ["apps/web/values.yaml"] = "# web\nimage:\n  name: ghcr.io/acme/web\n  tag: 1.0.0 # pinned\n",
        ["apps/web/kustomization.yaml"] = "resources:\n- deploy.yaml\nimages:\n- name: ghcr.io/acme/web\n  newTag: 1.0.0\n",
        ["apps/web/deploy.yaml"] = "spec:\n  image: ghcr.io/acme/web:1.0.0 # {\"$imagepolicy\": \"web\"}\n",
        ["apps/other/values.yaml"] = "image:\n  tag: 1.0.0\n",
    };

    [Fact]
    public async Task A_helm_application_gets_the_override_file_with_every_managed_image_and_the_default_message()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        using var harness = new HandlerHarness();

        var result = Assert.Single(await harness.WriteAsync(ChangeSet("web", repo.FileUrl, GitMethod(), [Change(Web, "1.1.0")], upToDate: [UpToDate(Api)])));

        Assert.Equal(WriteBackOutcome.Written, result.Outcome);
        var tip = (await repo.TipAsync("main"))!;
        Assert.Equal($"{tip[..7]} on main of {repo.FileUrl}", result.Detail);
        Assert.Equal(
            """
            helm:
              parameters:
              - name: api.image.name
                value: ghcr.io/acme/api
                forcestring: true
              - name: api.image.tag
                value: 2.0.0
                forcestring: true
              - name: image.name
                value: ghcr.io/acme/web
                forcestring: true
              - name: image.tag
                value: 1.1.0
                forcestring: true

            """.ReplaceLineEndings("\n"),
            await repo.ReadFileAsync("main", "apps/web/.argocd-source-web.yaml"));
        var commit = (await repo.CommitsAsync("main"))[0];
        Assert.Equal("build: automatic update of web\n\nupdates image acme/web tag '1.0.0' to '1.1.0'", commit.Message);
        Assert.Equal(("argocd-image-updater", "noreply@argoproj.io"), (commit.AuthorName, commit.AuthorEmail));
    }

    [Fact]
    public async Task A_kustomize_application_of_another_namespace_gets_its_namespaced_override_file()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        using var harness = new HandlerHarness();

        var result = Assert.Single(await harness.WriteAsync(
            ChangeSet("web", repo.FileUrl, GitMethod(), [Change(Web, "1.1.0")], ApplicationSourceType.Kustomize, appNamespace: "team-a")));

        Assert.Equal(WriteBackOutcome.Written, result.Outcome);
        Assert.Equal("kustomize:\n  images:\n  - ghcr.io/acme/web:1.1.0\n", await repo.ReadFileAsync("main", "apps/web/.argocd-source-team-a_web.yaml"));
    }

    [Theory]
    [InlineData("kustomization", "apps/web/kustomization.yaml", "resources:\n- deploy.yaml\nimages:\n- name: ghcr.io/acme/web\n  newTag: 1.1.0\n")]
    [InlineData("helmvalues", "apps/web/values.yaml", "# web\nimage:\n  name: ghcr.io/acme/web\n  tag: 1.1.0 # pinned\n")]
    [InlineData("helmvalues:/apps/other/values.yaml", "apps/other/values.yaml", "image:\n  tag: 1.1.0\n  name: ghcr.io/acme/web\n")]
    [InlineData("markers", "apps/web/deploy.yaml", "spec:\n  image: ghcr.io/acme/web:1.1.0 # {\"$imagepolicy\": \"web\"}\n")]
    public async Task Each_target_kind_is_edited_in_place_and_committed(string target, string file, string expected)
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        using var harness = new HandlerHarness();
        var web = Image("ghcr.io/acme/web:1.0.0", target.StartsWith("markers", StringComparison.Ordinal) ? "web" : "");

        var result = Assert.Single(await harness.WriteAsync(ChangeSet("web", repo.FileUrl, GitMethod(target), [Change(web, "1.1.0")])));

        Assert.Equal(WriteBackOutcome.Written, result.Outcome);
        Assert.Equal(expected, await repo.ReadFileAsync("main", file));
        Assert.Equal(2, (await repo.CommitsAsync("main")).Count);
    }

    [Fact]
    public async Task A_second_run_with_the_same_change_commits_nothing()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        using var harness = new HandlerHarness();
        var changeSet = ChangeSet("web", repo.FileUrl, GitMethod("helmvalues"), [Change(Web, "1.1.0")]);
        await harness.WriteAsync(changeSet);
        var tip = await repo.TipAsync("main");

        var second = Assert.Single(await harness.WriteAsync(changeSet));

        Assert.Equal(WriteBackOutcome.NoChange, second.Outcome);
        Assert.Equal(tip, await repo.TipAsync("main"));
    }

    [Fact]
    public async Task Three_applications_of_one_repository_land_in_one_push_of_three_commits_with_their_own_messages()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        var pushLog = CountPushes(repo);
        using var harness = new HandlerHarness();

        var results = await harness.WriteAsync(
            ChangeSet("one", repo.FileUrl, GitMethod(), [Change(Web, "1.1.0")]),
            ChangeSet("two", repo.FileUrl, GitMethod(), [Change(Web, "1.2.0")]),
            ChangeSet("three", repo.FileUrl, GitMethod(), [Change(Web, "1.3.0")]));

        Assert.All(results, r => Assert.Equal(WriteBackOutcome.Written, r.Outcome));
        Assert.Single(await File.ReadAllLinesAsync(pushLog, TestContext.Current.CancellationToken));
        var messages = (await repo.CommitsAsync("main")).Take(3).Select(static c => c.Message.Split('\n')[0]).Order(StringComparer.Ordinal);
        Assert.Equal(["build: automatic update of one", "build: automatic update of three", "build: automatic update of two"], messages);
        Assert.Contains("value: 1.3.0", await repo.ReadFileAsync("main", "apps/web/.argocd-source-three.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_escaping_the_checkout_fails_that_application_only()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        using var harness = new HandlerHarness();

        var results = await harness.WriteAsync(
            ChangeSet("good", repo.FileUrl, GitMethod("helmvalues"), [Change(Web, "1.1.0")]),
            ChangeSet("evil", repo.FileUrl, GitMethod("helmvalues:../../../../etc/values.yaml"), [Change(Web, "6.6.6")]));

        var good = Assert.Single(results, r => r.ChangeSet.Policy.Application.Name == "good");
        var evil = Assert.Single(results, r => r.ChangeSet.Policy.Application.Name == "evil");
        Assert.Equal(WriteBackOutcome.Written, good.Outcome);
        Assert.Equal(WriteBackOutcome.Failed, evil.Outcome);
        Assert.Contains("Application argocd/evil", evil.Error!.Message, StringComparison.Ordinal);
        Assert.Contains(repo.FileUrl, evil.Error.Message, StringComparison.Ordinal);
        Assert.Contains("'../../../../etc/values.yaml'", evil.Error.Message, StringComparison.Ordinal);
        Assert.Contains("tag: 1.1.0", await repo.ReadFileAsync("main", "apps/web/values.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_branch_template_is_rendered_and_pushed_from_the_base_branch()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        using var harness = new HandlerHarness();
        var policy = GitMethod("helmvalues", branch: "main", writeBranch: "image-updater-{{ .AppName }}-{{ range .Images }}{{ .NewTag }}{{ end }}-{{ .SHA256 | printf \"%.8s\" }}");

        var result = Assert.Single(await harness.WriteAsync(ChangeSet("web", repo.FileUrl, policy, [Change(Web, "1.1.0")])));

        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("acme/web-1.0.0-1.1.0,")));
        var branch = $"image-updater-web-1.1.0-{sha[..8]}";
        Assert.Equal(WriteBackOutcome.Written, result.Outcome);
        Assert.EndsWith($" on {branch} of {repo.FileUrl}", result.Detail, StringComparison.Ordinal);
        Assert.Contains("tag: 1.1.0", await repo.ReadFileAsync(branch, "apps/web/values.yaml"), StringComparison.Ordinal);
        Assert.Contains("tag: 1.0.0", await repo.ReadFileAsync("main", "apps/web/values.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_commit_message_template_sees_the_new_images_labels()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        using var harness = new HandlerHarness(o => o.CommitMessageTemplate =
            "chore({{ .AppName }}): {{ range .AppChanges }}{{ .Image }} {{ .OldTag }} -> {{ .NewTag }} by {{ index .Labels \"org.opencontainers.image.authors\" }}{{ end }}");
        var labels = new Dictionary<string, string> { ["org.opencontainers.image.authors"] = "team-web" };

        await harness.WriteAsync(ChangeSet("web", repo.FileUrl, GitMethod("helmvalues"), [Change(Web, "1.1.0", labels)]));

        Assert.Equal("chore(web): acme/web 1.0.0 -> 1.1.0 by team-web", (await repo.CommitsAsync("main"))[0].Message);
    }

    [Fact]
    public async Task Secret_credentials_of_the_applications_namespace_authenticate_over_http_and_stay_out_of_results_and_logs()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        await using var server = await GitHttpServer.StartAsync(repo);
        var secrets = new DictionarySecretReader(new()
        {
            [("argocd", "git-creds")] = new Dictionary<string, byte[]>
            {
                ["username"] = Encoding.UTF8.GetBytes(GitHttpServer.User),
                ["password"] = Encoding.UTF8.GetBytes(GitHttpServer.Password),
            },
        });
        using var harness = new HandlerHarness(secrets: secrets);

        var results = await harness.WriteAsync(
            ChangeSet("web", server.Url, GitMethod("helmvalues", credentials: "secret:argocd/git-creds"), [Change(Web, "1.1.0")]),
            ChangeSet("foreign", server.Url, GitMethod("helmvalues", credentials: "secret:other/git-creds"), [Change(Web, "1.2.0")]));

        Assert.Equal(WriteBackOutcome.Written, Assert.Single(results, r => r.ChangeSet.Policy.Application.Name == "web").Outcome);
        var foreign = Assert.Single(results, r => r.ChangeSet.Policy.Application.Name == "foreign");
        Assert.Equal(WriteBackOutcome.Failed, foreign.Outcome);
        Assert.Contains("not in the application's namespace", foreign.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("tag: 1.1.0", await repo.ReadFileAsync("main", "apps/web/values.yaml"), StringComparison.Ordinal);
        Assert.Contains(server.Authorizations, a => a.StartsWith("Basic ", StringComparison.Ordinal));
        Assert.DoesNotContain(results, r => (r.Detail + r.Error?.Message).Contains(GitHttpServer.Password, StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Logger.Collector.GetSnapshot(), r => r.Message.Contains(GitHttpServer.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_writer_pushing_between_our_fetch_and_our_push_keeps_their_change_and_ours_still_lands()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        using var harness = new HandlerHarness(decorate: git => new PushBeforeOurs(git, repo));

        var result = Assert.Single(await harness.WriteAsync(ChangeSet("web", repo.FileUrl, GitMethod("helmvalues"), [Change(Web, "1.1.0")])));

        Assert.Equal(WriteBackOutcome.Written, result.Outcome);
        Assert.Equal("theirs\n", await repo.ReadFileAsync("main", "theirs.txt"));
        Assert.Contains("tag: 1.1.0", await repo.ReadFileAsync("main", "apps/web/values.yaml"), StringComparison.Ordinal);
        var commits = await repo.CommitsAsync("main");
        Assert.Equal("their change", commits[1].Message);
    }

    // A post-receive hook runs once per push: one line per push in the log.
    private static string CountPushes(BareRepository repo)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The push counter is a shell hook.");
        }

        var log = Path.Combine(repo.ParentFolder, "pushes.log");
        var hook = Path.Combine(repo.Path, "hooks", "post-receive");
        File.WriteAllText(hook, $"#!/bin/sh\necho push >> '{log}'\n");
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return log;
    }
}
