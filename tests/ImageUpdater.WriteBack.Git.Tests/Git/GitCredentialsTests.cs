using ImageUpdater.Testing;

namespace ImageUpdater.WriteBack.Git.Tests;

public sealed class GitCredentialsTests
{
    private static readonly Dictionary<string, string> Seed = new() { ["values.yaml"] = "image: a:1\n" };

    [Fact]
    public async Task Https_credentials_reach_the_server_through_askpass_and_never_appear_in_argv_or_logs()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        await using var server = await GitHttpServer.StartAsync(repo);
        using var scripts = new TemporaryFolder();
        var argvLog = Path.Combine(scripts.Path, "argv.log");
        // Logs each argument and the whole environment's names, then runs the real git.
        var wrapper = FakeGit.Write(scripts, $"for a in \"$@\"; do printf '%s\\n' \"$a\" >> '{argvLog}'; done\nexec /usr/bin/git \"$@\"");
        using var git = new GitHarness(o => o.GitExecutable = wrapper);
        var target = new GitTarget(server.Url, "main") { Credentials = GitCredentials.Https(GitHttpServer.User, GitHttpServer.Password) };

        var results = await git.RunAsync(target, GitHarness.Write("values.yaml", "image: a:2\n", "over https"));

        Assert.Equal(CommitOutcome.Committed, Assert.Single(results).Outcome);
        Assert.Equal("image: a:2\n", await repo.ReadFileAsync("main", "values.yaml"));
        Assert.Contains(server.Authorizations, a => a.StartsWith("Basic ", StringComparison.Ordinal));
        var argv = await File.ReadAllTextAsync(argvLog, TestContext.Current.CancellationToken);
        Assert.Contains("push", argv, StringComparison.Ordinal);
        Assert.DoesNotContain(GitHttpServer.Password, argv, StringComparison.Ordinal);
        Assert.NotEmpty(git.Logger.Collector.GetSnapshot());
        Assert.DoesNotContain(git.Logger.Collector.GetSnapshot(), r => r.Message.Contains(GitHttpServer.Password, StringComparison.Ordinal));
        Assert.DoesNotContain(Directory.GetFiles(git.WorkRoot, "*", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains(GitHttpServer.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_password_fails_naming_repository_and_branch_without_the_password()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        await using var server = await GitHttpServer.StartAsync(repo);
        using var git = new GitHarness();
        var target = new GitTarget(server.Url, "main") { Credentials = GitCredentials.Https(GitHttpServer.User, "wrong-password") };

        var results = await git.RunAsync(target, GitHarness.Write("values.yaml", "image: a:2\n", "x"));

        var error = Assert.Single(results).Error;
        Assert.StartsWith($"git clone failed for repository {server.Url}, branch main: ", error, StringComparison.Ordinal);
        Assert.Contains("Authentication failed", error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_info_in_a_repository_url_is_redacted_from_messages()
    {
        using var repo = await BareRepository.CreateAsync(Seed);
        await using var server = await GitHttpServer.StartAsync(repo);
        using var git = new GitHarness();
        var url = server.Url.Replace("http://", "http://someone:url-secret@", StringComparison.Ordinal);

        var results = await git.RunAsync(new GitTarget(url, "main"), GitHarness.Write("values.yaml", "image: a:2\n", "x"));

        var error = Assert.Single(results).Error!;
        Assert.Contains("http://***@127.0.0.1", error, StringComparison.Ordinal);
        Assert.DoesNotContain("url-secret", error, StringComparison.Ordinal);
        Assert.DoesNotContain(git.Logger.Collector.GetSnapshot(), r => r.Message.Contains("url-secret", StringComparison.Ordinal));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void An_ssh_key_goes_to_a_private_file_named_by_GIT_SSH_COMMAND_and_is_deleted_after()
    {
        const string Key = "-----BEGIN OPENSSH PRIVATE KEY-----\nnot-a-real-key\n-----END OPENSSH PRIVATE KEY-----";
        string keyFile;
        using (var session = GitCredentialSession.Start(GitCredentials.Ssh(Key)))
        {
            var command = session.Environment["GIT_SSH_COMMAND"];
            Assert.Matches("^ssh -i '[^']+' -o IdentitiesOnly=yes -o StrictHostKeyChecking=accept-new$", command);
            keyFile = command.Split('\'')[1];
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
            Assert.Equal(Key + "\n", File.ReadAllText(keyFile));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(keyFile)!));
            Assert.DoesNotContain(session.Environment.Values, v => v.Contains("not-a-real-key", StringComparison.Ordinal));
        }

        Assert.False(File.Exists(keyFile));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_askpass_helper_is_private_and_deleted_after()
    {
        string script;
        using (var session = GitCredentialSession.Start(GitCredentials.Https("u", "p")))
        {
            script = session.Environment["GIT_ASKPASS"];
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(script));
            Assert.DoesNotContain("p\n", File.ReadAllText(script), StringComparison.Ordinal);
            Assert.Equal(["-c", "credential.helper="], session.ConfigArguments);
        }

        Assert.False(File.Exists(script));
    }

    [Fact]
    public void Credentials_never_print_their_secret()
    {
        Assert.Equal("user name and password", GitCredentials.Https("user", "hunter2").ToString());
        Assert.Equal("ssh key", GitCredentials.Ssh("KEY").ToString());
    }
}
