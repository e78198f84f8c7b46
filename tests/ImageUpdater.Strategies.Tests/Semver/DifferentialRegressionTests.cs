namespace ImageUpdater.Strategies.Tests.Semver;

/// <summary>
/// Cases where differential testing against Masterminds/semver and the reference's selection code found this
/// implementation wrong, pinned with the Go result.
/// </summary>
public class DifferentialRegressionTests
{
    // NewConstraint rejects whitespace-only text ("improper constraint"); only an absent/empty constraint is
    // replaced by "*". Whitespace-only text used to be taken as "*" here.
    [Theory]
    [InlineData(" ")]
    [InlineData("  ")]
    [InlineData("\t")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\f")]
    [InlineData("\v")]
    public void Whitespace_only_constraint_is_invalid(string constraint)
    {
        Assert.False(SemverConstraint.TryParse(constraint, out _, out var error));
        Assert.Contains("Invalid semver constraint", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Whitespace_only_constraint_fails_the_selection()
    {
        var selection = new SemverStrategy().Select([new TagInfo("1.0.0"), new TagInfo("2.0.0")], new ImageUpdateSettings { Constraint = " " });

        Assert.True(selection.IsError);
        Assert.Null(selection.Tag);
    }

    [Fact]
    public void Empty_constraint_still_selects_as_star()
    {
        var selection = new SemverStrategy().Select(
            [new TagInfo("1.0.0"), new TagInfo("2.0.0-rc1"), new TagInfo("v1.0.0")], new ImageUpdateSettings { Constraint = string.Empty });

        Assert.Equal("v1.0.0", selection.Tag?.Name);
    }
}
