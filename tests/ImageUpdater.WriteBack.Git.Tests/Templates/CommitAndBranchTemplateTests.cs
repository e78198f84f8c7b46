using ImageUpdater.WriteBack.Git.Templates;

namespace ImageUpdater.WriteBack.Git.Tests.Templates;

public sealed class CommitAndBranchTemplateTests
{
    [Fact]
    public void The_default_commit_message_lists_every_change()
    {
        var rendering = CommitMessageTemplate.Default.Render(TemplateCorpusData.Sample);

        Assert.True(rendering.Succeeded);
        Assert.StartsWith("build: automatic update of example-app\n\nupdates image example/example tag '1.0.0' to '1.0.1'\n", rendering.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_commit_template_failing_at_execution_falls_back_to_the_reference_message_and_says_where()
    {
        var template = CommitMessageTemplate.Parse("update\n{{ range .AppChanges }}{{ .Tag }}{{ end }}");

        var rendering = template.Render(TemplateCorpusData.Commit);

        Assert.Equal("build: update of application guestbook", rendering.Text);
        Assert.NotNull(rendering.Failure);
        Assert.True(rendering.Failure.DuringExecution);
        Assert.Equal(2, rendering.Failure.Line);
        Assert.Equal(27, rendering.Failure.Column);
        Assert.Contains("can't evaluate field Tag in type argocd.commitMessageChange", rendering.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_branch_name_is_cut_to_255_characters()
    {
        var template = BranchNameTemplate.Parse("{{ range .Images }}{{ .Name }}-{{ .NewTag }}-{{ $.SHA256 }}-{{ $.SHA256 }}{{ end }}");

        var rendering = template.Render(TemplateCorpusData.Branch);

        Assert.True(rendering.Succeeded);
        Assert.Equal(255, rendering.Text.Length);
        Assert.StartsWith("argoproj/guestbook-v0.2.0-32e7fae9", rendering.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_branch_hash_is_sha256_of_name_old_new_per_change()
    {
        // sha256("argoproj/guestbook-v0.1.0-v0.2.0,library/nginx-1.25.3-1.25.4,") as Go's harness computed it.
        Assert.Equal("32e7fae9ae9ee0e15cf1966a3e479aaf2e6d68e3c209bcc6254de26e843be967", TemplateCorpusData.Branch.Sha256);
    }

    [Theory]
    [InlineData("{{ define \"x\" }}{{ end }}", 1, 4, "unsupported construct {{define}}")]
    [InlineData("a\n  {{ template \"x\" }}", 2, 6, "unsupported construct {{template}}")]
    [InlineData("{{ urlquery .AppName }}", 1, 4, "unsupported construct: function \"urlquery\"")]
    [InlineData("{{ toUpper .AppName }}", 1, 4, "function \"toUpper\" not defined")]
    [InlineData("{{ 2i }}", 1, 4, "unsupported construct: complex number 2i")]
    [InlineData("x\n\n{{ range .AppChanges }}", 3, 24, "unexpected EOF")]
    public void Parse_errors_name_the_construct_its_line_and_its_column(string text, int line, int column, string reason)
    {
        var failure = Assert.Throws<TemplateException>(() => GoTemplate.Parse(text));

        Assert.False(failure.DuringExecution);
        Assert.Equal((line, column), (failure.Line, failure.Column));
        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_longer_than_the_cap_is_refused()
    {
        var failure = Assert.Throws<TemplateException>(() => GoTemplate.Parse(new string('x', TemplateLimits.MaxTemplateLength + 1)));

        Assert.Contains("longer than", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_ranges_cannot_run_forever()
    {
        // 3 changes, 12 levels deep: 3^12 = 531441 iterations, each several steps, over the step budget.
        var text = string.Concat(Enumerable.Repeat("{{ range $.AppChanges }}", 12)) + "x" + string.Concat(Enumerable.Repeat("{{ end }}", 12));
        var template = GoTemplate.Parse(text);

        var failure = Assert.Throws<TemplateException>(() => template.Render(TemplateCorpusData.Commit.ToGoValue()));

        Assert.Contains("steps", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_cannot_grow_past_the_cap()
    {
        var template = GoTemplate.Parse("{{ range $.AppChanges }}{{ range $.AppChanges }}{{ range $.AppChanges }}{{ printf \"%999999s\" \"\" }}{{ end }}{{ end }}{{ end }}");

        var failure = Assert.Throws<TemplateException>(() => template.Render(TemplateCorpusData.Commit.ToGoValue()));

        Assert.Contains("characters", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_parentheses_are_refused_instead_of_overflowing_the_stack()
    {
        var text = "{{ " + new string('(', 5000) + "1" + new string(')', 5000) + " }}";

        var failure = Assert.Throws<TemplateException>(() => GoTemplate.Parse(text));

        Assert.Contains("nested deeper than", failure.Message, StringComparison.Ordinal);
    }
}
