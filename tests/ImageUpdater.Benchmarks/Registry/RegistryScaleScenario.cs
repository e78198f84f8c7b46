using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ImageUpdater.Benchmarks.Scale;
using ImageUpdater.Engine;
using ImageUpdater.Policies;
using ImageUpdater.Registry;
using ImageUpdater.Strategies;
using Microsoft.Extensions.DependencyInjection;

namespace ImageUpdater.Benchmarks.Registry;

/// <summary>
/// The registry scale scenario: 200 repositories × 500 tags in a local docker-registry, 3,000 image policies
/// (1,000 apps × 3 images; 70 % semver, 20 % newest-build, 10 % digest), a cold and a warm resolution pass through
/// <see cref="IImageResolver"/> (the registry pass and <see cref="TagSelector"/>), and the registry's raw rate
/// measured in the same run.
/// </summary>
/// <remarks>
/// Strategies follow the repository (as a team's tagging scheme does): repositories mod 10 &lt; 7 are semver,
/// 7–8 newest-build, 9 digest, so each repository is watched by 15 policies of one kind. Every repository holds 5
/// images, each tagged 100 times (one manifest PUT per tag). Storage is kept in <c>--storage DIR</c> and reused.
/// </remarks>
public static class RegistryScaleScenario
{
    /// <summary>
    /// Runs the scenario; <c>--storage DIR</c> keeps the pushed registry between runs, <c>--concurrency N</c> sets
    /// <see cref="RegistryClientOptions.MaxConcurrencyPerRegistry"/> (32 by default).
    /// </summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>0 when the goals are met, 1 otherwise.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        await using var run = await ScaleRun.StartAsync(args);
        var services = new ServiceCollection();
        var authority = run.Registry.BaseUri.Authority;
        services.AddImageUpdater().AddTagStrategies().AddRegistryClient(
            o => o.MaxConcurrencyPerRegistry = run.Concurrency,
            r => r.ConfigurationText = $"registries:\n- name: local\n  api_url: {run.Registry.BaseUri.GetLeftPart(UriPartial.Authority)}\n  prefix: {authority}\n");
        await using var provider = services.BuildServiceProvider();
        var selector = provider.GetRequiredService<TagSelector>();
        var resolver = provider.GetRequiredService<IImageResolver>();
        var policies = Policies(authority);

        var heapBeforePlans = GC.GetTotalMemory(true);
        var plans = policies.ConvertAll(p => selector.Prepare(p.Settings));
        var heapAfterPlans = GC.GetTotalMemory(true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"prepared {plans.Count} plans: {(heapAfterPlans - heapBeforePlans) / (double)plans.Count:F0} B per policy"));
        GC.KeepAlive(plans);

        var raw = await run.MeasureRawAsync("raw registry rate");
        var cold = await run.MeasureAsync("cold pass", () => PassAsync(resolver, policies));
        var warm = await run.MeasureAsync("warm pass", () => PassAsync(resolver, policies));

        var warmIsMinimal = warm.Requests.GetValueOrDefault(RegistryRequestKinds.TagList) == ScaleData.Repositories
            && warm.Requests.GetValueOrDefault(RegistryRequestKinds.ManifestHead) == ScaleData.DigestRepositories
            && warm.Requests.Values.Sum() == ScaleData.Repositories + ScaleData.DigestRepositories;
        var logAgrees = cold.LoggedTotal == cold.Requests.Values.Sum() && warm.LoggedTotal == warm.Requests.Values.Sum();
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var ratio = cold.RatioTo(raw);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cold pass / registry floor: {ratio:F2}x (raw {raw.LoggedTotal / raw.Wall.TotalSeconds:F0} requests/s); client CPU {cold.ClientMillisecondsPerRequest:F2} ms per request; access log agrees with our counter: {logAgrees}; last User-Agent: {run.Registry.LastUserAgent}"));
        Console.WriteLine($"peak working set (process): {peak / 1024.0 / 1024:F0} MB");
        var met = warmIsMinimal && logAgrees && ratio <= 1.05 && warm.Wall <= TimeSpan.FromSeconds(0.4) && peak <= 150L * 1024 * 1024;
        Console.WriteLine($"goals met: {met} (warm pass = one tag list per repository + digest HEADs only: {warmIsMinimal})");
        return met ? 0 : 1;
    }

    // As an embedding program resolves images: one resolution pass, each policy's plan prepared, its repository's
    // candidates fetched and classified, and the strategy's choice made.
    private static async Task<string> PassAsync(IImageResolver resolver, List<Policy> policies)
    {
        using var pass = resolver.BeginPass();
        var selected = 0;
        var failed = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(policies, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (policy, ct) =>
        {
            var resolution = await pass.ResolveAsync(new ImageResolutionRequest { Image = new ImageUpdatePolicy(policy.Image, policy.Settings, ImageManifestTarget.Default) }, ct);
            if (resolution.Error is { } error)
            {
                failed.Add(error.Message);
            }
            else if (resolution.Selected is not null)
            {
                Interlocked.Increment(ref selected);
            }
        });
        return $"{policies.Count} policies, {selected} selected, {failed.Count} failed" + string.Concat(failed.Take(3).Select(m => "\n  error: " + m));
    }

    private static List<Policy> Policies(string registry)
    {
        var policies = new List<Policy>(ScaleData.Apps * ScaleData.ImagesPerApp);
        for (var i = 0; i < ScaleData.Apps * ScaleData.ImagesPerApp; i++)
        {
            var repository = i % ScaleData.Repositories;
            var image = ImageReference.Parse($"{registry}/{ScaleData.RepositoryName(repository)}");
            var settings = ScaleData.StrategyOf(repository) switch
            {
                "semver" => new ImageUpdateSettings { Strategy = "semver", Constraint = ScaleData.Constraints[i % ScaleData.Constraints.Length] },
                "newest-build" => new ImageUpdateSettings { Strategy = "newest-build", Platforms = ["linux/amd64"], AllowTags = "regexp:^build-" },
                _ => new ImageUpdateSettings { Strategy = "digest", Constraint = "stable" },
            };
            policies.Add(new Policy(image, settings));
        }

        return policies;
    }

    private sealed record Policy(ImageReference Image, ImageUpdateSettings Settings);
}
