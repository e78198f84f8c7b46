using ImageUpdater.Engine;
using ImageUpdater.Policies;
using ImageUpdater.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageUpdater.WriteBack.Git.Tests.Handler;

public sealed class GitWriteBackRegistrationTests
{
    [Fact]
    public void AddGitWriteBack_registers_one_git_handler_even_when_called_twice()
    {
        var services = new ServiceCollection();
        services.AddImageUpdater().AddGitWriteBack().AddGitWriteBack(o => o.ControllerNamespace = "argo");

        using var provider = services.BuildServiceProvider();

        var handler = Assert.Single(provider.GetServices<IWriteBackHandler>());
        Assert.Equal(WriteBackMethod.Git, handler.Method);
        Assert.Equal("argo", provider.GetRequiredService<IOptions<GitWriteBackOptions>>().Value.ControllerNamespace);
    }

    [Fact]
    public void A_commit_message_template_that_does_not_parse_is_a_start_up_error_naming_line_and_column()
    {
        var services = new ServiceCollection();
        services.AddImageUpdater().AddGitWriteBack(o => o.CommitMessageTemplate = "update\n{{ range .AppChanges }");

        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GitWriteBackOptions>>().Value);
        Assert.Contains("GitWriteBackOptions.CommitMessageTemplate", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_commit_message_template_file_is_read_and_its_errors_name_the_file()
    {
        using var folder = new TemporaryFolder();
        var good = folder.WriteFile("good.tmpl", "bump {{ .AppName }}");
        var bad = folder.WriteFile("bad.tmpl", "bump {{ .AppName ");

        Assert.Null(CommitMessageTemplateSource.Check(new GitWriteBackOptions { CommitMessageTemplatePath = good }));
        Assert.Contains(bad, CommitMessageTemplateSource.Check(new GitWriteBackOptions { CommitMessageTemplatePath = bad }), StringComparison.Ordinal);
        Assert.Contains("not both", CommitMessageTemplateSource.Check(new GitWriteBackOptions { CommitMessageTemplatePath = good, CommitMessageTemplate = "x" }), StringComparison.Ordinal);
    }
}
