using ImageUpdater.Policies;

namespace ImageUpdater.Annotations.Tests.Resources;

public class LabelSelectorSpecTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app.kubernetes.io/name"] = "web", ["env"] = "prod" };

    [Fact]
    public void Empty_selector_matches_everything() => Assert.True(new LabelSelectorSpec().Matches(Labels));

    [Theory]
    [InlineData("bad key", "In", "x")]
    [InlineData("UPPER.example/name", "Exists", null)]
    [InlineData("env", "In", null)]
    [InlineData("env", "Exists", "x")]
    [InlineData("env", "in", "prod")]
    [InlineData("env", "In", "not a valid value")]
    [InlineData("env", "In", "prod\n")]
    [InlineData("env\n", "Exists", null)]
    [InlineData("example.com\n/env", "Exists", null)]
    public void Invalid_selectors_are_reported_and_match_nothing(string key, string op, string? value)
    {
        var selector = new LabelSelectorSpec { MatchExpressions = [new(key, op, value is null ? [] : [value])] };
        Assert.NotNull(selector.Validate());
        Assert.False(selector.Matches(Labels));
    }

    [Fact]
    public void Prefixed_keys_and_all_operators_match_as_kubernetes_does()
    {
        var selector = new LabelSelectorSpec
        {
            MatchLabels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "web" },
            MatchExpressions = [new("env", "NotIn", ["dev"]), new("env", "Exists", []), new("tier", "DoesNotExist", []), new("env", "In", ["prod"])],
        };
        Assert.Null(selector.Validate());
        Assert.True(selector.Matches(Labels));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app.kubernetes.io/name"] = "web", ["env"] = "dev" }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["env"] = "prod" }));
    }
}
