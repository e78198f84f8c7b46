using ImageUpdater.WriteBack.Git;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageUpdater.WriteBack.Git.Tests;

public sealed class GitWriteBackOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_follow_the_reference()
    {
        var options = new GitWriteBackOptions();

        Assert.True(new GitWriteBackOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(("argocd-image-updater", "noreply@argoproj.io"), (options.AuthorName, options.AuthorEmail));
        Assert.Equal((TimeSpan.FromMinutes(2), 3, "git"), (options.CommandTimeout, options.PushRetries, options.GitExecutable));
    }

    [Fact]
    public void Every_invalid_key_is_named()
    {
        var options = new GitWriteBackOptions
        {
            WorkRoot = " ",
            AuthorName = "bot <x>",
            AuthorEmail = "",
            SigningMethod = GitSigningMethod.Ssh,
            CommandTimeout = TimeSpan.Zero,
            PushRetries = -1,
            GitExecutable = "",
        };

        var failures = new GitWriteBackOptionsValidator().Validate(null, options).Failures!;

        Assert.Equal(
            [
                "GitWriteBackOptions.WorkRoot must not be empty.",
                "GitWriteBackOptions.AuthorName must not contain '<', '>' or a line break (was 'bot <x>').",
                "GitWriteBackOptions.AuthorEmail must not be empty.",
                "GitWriteBackOptions.GitExecutable must not be empty.",
                "GitWriteBackOptions.SigningKey is required when SigningMethod is Ssh.",
                "GitWriteBackOptions.CommandTimeout must be positive (was 00:00:00).",
                "GitWriteBackOptions.PushRetries must be between 0 and 100 (was -1).",
            ],
            failures);
    }

    [Fact]
    public void Invalid_options_fail_when_resolved_and_registration_is_safe_twice()
    {
        var services = new ServiceCollection();
        services.AddImageUpdater().AddGitWriteBack(o => o.PushRetries = 500).AddGitWriteBack();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GitWriteBackOptions>>().Value);
        Assert.Contains("PushRetries must be between 0 and 100 (was 500)", error.Message, StringComparison.Ordinal);
        Assert.Single(services, d => d.ServiceType == typeof(GitWorkspaces));
    }

    [Fact]
    public void A_commit_identity_cannot_break_the_commit_header()
    {
        var error = Assert.Throws<ArgumentException>(() => new CommitAuthor("evil\ncommitter x", "a@b"));
        Assert.Contains("line break", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("git clone https://user:tok3n@example.test/r.git failed", "git clone https://***@example.test/r.git failed")]
    [InlineData("fatal: unable to access 'http://u@127.0.0.1:80/r/': 401", "fatal: unable to access 'http://***@127.0.0.1:80/r/': 401")]
    [InlineData("/srv/repo.git and git@example.test:r.git", "/srv/repo.git and git@example.test:r.git")]
    public void Urls_lose_their_user_info_in_messages(string text, string expected) =>
        Assert.Equal(expected, RepositoryUrl.Redact(text));
}
