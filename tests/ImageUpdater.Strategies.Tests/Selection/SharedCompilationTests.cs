using System.Globalization;
using ImageUpdater.Strategies;
using Microsoft.Extensions.DependencyInjection;

namespace ImageUpdater.Strategies.Tests.Selection;

/// <summary>
/// Policies repeat a few constraints and patterns across thousands of images: each distinct constraint and regular
/// expression is compiled once and shared, so a prepared policy costs little memory even when its settings as a
/// whole are unique.
/// </summary>
public sealed class SharedCompilationTests
{
    [Fact]
    public void A_regular_expression_is_compiled_once_and_shared()
    {
        Assert.True(Re2Regex.TryCreate("^build-(?P<n>[0-9]+)$", out var first, out _));
        Assert.True(Re2Regex.TryCreate("^build-(?P<n>[0-9]+)$", out var second, out _));

        Assert.Same(first, second);
        Assert.True(second.IsMatch("build-0042"));
    }

    [Fact]
    public void An_invalid_expression_gives_the_same_error_every_time()
    {
        Assert.False(Re2Regex.TryCreate("(?<=x)y", out _, out var first));
        Assert.False(Re2Regex.TryCreate("(?<=x)y", out _, out var second));

        Assert.StartsWith("Invalid regular expression '(?<=x)y'", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_semver_constraint_is_parsed_once_and_shared()
    {
        Assert.True(SemverConstraint.TryParse(">=3.0.0 <3.5.0", out var first, out _));
        Assert.True(SemverConstraint.TryParse(">=3.0.0 <3.5.0", out var second, out _));
        Assert.False(SemverConstraint.TryParse(">=3.0.0 >>3.5.0", out _, out var error));
        Assert.False(SemverConstraint.TryParse(">=3.0.0 >>3.5.0", out _, out var again));

        Assert.Same(first, second);
        Assert.Equal(error, again);
        Assert.Contains(">=3.0.0 >>3.5.0", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_expression_cache_is_bounded_and_keeps_patterns_in_use()
    {
        Assert.True(Re2Regex.TryCreate("^kept-in-use$", out var kept, out _));
        Assert.True(Re2Regex.TryCreate("^one-off-0$", out var oneOff, out _));
        for (var i = 1; i < 2_000; i++)
        {
            Assert.True(Re2Regex.TryCreate(string.Create(CultureInfo.InvariantCulture, $"^one-off-{i}$"), out _, out _));
            if (i % 100 == 0)
            {
                Assert.True(Re2Regex.TryCreate("^kept-in-use$", out var again, out _));
                Assert.Same(kept, again);
            }
        }

        // The first one-off pattern was evicted long ago: asking again compiles it anew, equal in meaning.
        Assert.True(Re2Regex.TryCreate("^one-off-0$", out var recompiled, out _));
        Assert.NotSame(oneOff, recompiled);
        Assert.True(recompiled.IsMatch("one-off-0"));
    }

    [Fact]
    public void Three_thousand_unique_policies_sharing_patterns_cost_at_most_2_KB_each()
    {
        var services = new ServiceCollection();
        services.AddImageUpdater().AddTagStrategies();
        using var provider = services.BuildServiceProvider();
        var selector = provider.GetRequiredService<TagSelector>();
        string[] constraints = ["^1.0", "~2.3", ">=3.0.0 <3.5.0", "4.x", "*"];
        var settings = Enumerable.Range(0, 3_000).Select(i => new ImageUpdateSettings
        {
            Strategy = "semver",
            Constraint = constraints[i % constraints.Length],
            AllowTags = "regexp:^v?[0-9]+\\.[0-9]+\\.[0-9]+$",

            // A glob of its own makes every policy's settings unique, so no plan is shared between them.
            IgnoreTags = [string.Create(CultureInfo.InvariantCulture, $"*-rc{i}")],
        }).ToList();
        _ = selector.Prepare(settings[0]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var plans = settings.ConvertAll(selector.Prepare);
        var perPolicy = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)plans.Count;

        // Allocated bytes bound the memory the plans keep; one compiled expression alone is tens of kilobytes.
        Assert.True(perPolicy <= 2048, $"{perPolicy:F0} bytes allocated per prepared policy");
        Assert.All(plans, plan => Assert.Null(plan.Error));
        Assert.Equal(3_000, plans.Distinct().Count());
    }
}
