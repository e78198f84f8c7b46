using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using ImageUpdater.Registry;
using ImageUpdater.Strategies;
using ImageUpdater.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageUpdater.Benchmarks.Registry;

/// <summary>
/// The registry scale scenario: 200 repositories × 500 tags in a local docker-registry, 3,000 image policies
/// (1,000 apps × 3 images; 70 % semver, 20 % newest-build, 10 % digest), a cold and a warm resolution pass. Prints
/// requests by kind, wall time and peak memory of each pass.
/// </summary>
/// <remarks>
/// Strategies follow the repository (as a team's tagging scheme does): repositories 0–139 mod 10 &lt; 7 are semver,
/// 7–8 newest-build, 9 digest, so each repository is watched by 15 policies of one kind. Every repository holds 5
/// images, each tagged 100 times (one manifest PUT per tag). Storage is kept in <c>--storage DIR</c> and reused.
/// </remarks>
public static class RegistryScaleScenario
{
    private const int Repositories = 200;
    private const int TagsPerRepository = 500;
    private const int Apps = 1000;
    private const int ImagesPerApp = 3;

    /// <summary>
    /// Runs the scenario; <c>--storage DIR</c> keeps the pushed registry between runs, <c>--concurrency N</c> sets
    /// <see cref="RegistryClientOptions.MaxConcurrencyPerRegistry"/> (32 by default).
    /// </summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>0 when the goals are met, 1 otherwise.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var storageIndex = Array.IndexOf(args, "--storage");
        var storage = storageIndex >= 0 && storageIndex + 1 < args.Length ? args[storageIndex + 1] : Path.Combine(Path.GetTempPath(), "imageupdater-registry-scale");
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions
        {
            StorageFolder = storage,
            RequestTimeout = TimeSpan.FromMinutes(2),
        });
        var marker = Path.Combine(storage, "pushed-v1");
        if (!File.Exists(marker))
        {
            var setup = Stopwatch.StartNew();
            await PushAsync(registry);
            await File.WriteAllTextAsync(marker, DateTimeOffset.UtcNow.ToString("O"));
            Console.WriteLine($"setup: pushed {Repositories * TagsPerRepository:N0} tags in {setup.Elapsed.TotalSeconds:F1} s");
        }

        var concurrencyIndex = Array.IndexOf(args, "--concurrency");
        var concurrency = concurrencyIndex >= 0 && concurrencyIndex + 1 < args.Length ? int.Parse(args[concurrencyIndex + 1], CultureInfo.InvariantCulture) : 32;
        Console.WriteLine($"requests in flight per registry: {concurrency}");
        var services = new ServiceCollection();
        services.AddImageUpdater().AddTagStrategies().AddRegistryClient(o => o.MaxConcurrencyPerRegistry = concurrency);
        await using var provider = services.BuildServiceProvider();
        var selector = provider.GetRequiredService<TagSelector>();
        var factory = provider.GetRequiredService<IRegistryPassFactory>();
        var endpoint = new RegistryEndpoint { Name = "local", ApiUrl = registry.BaseUri, Prefix = registry.BaseUri.Authority };
        var policies = Policies(registry.BaseUri.Authority);

        using var counter = new RequestCounter();
        var cold = await PassAsync("cold", factory, selector, endpoint, policies, counter);
        var warm = await PassAsync("warm", factory, selector, endpoint, policies, counter);

        var digestRepositories = Enumerable.Range(0, Repositories).Count(r => r % 10 == 9);
        var warmIsMinimal = warm.Requests.GetValueOrDefault(RegistryRequestKinds.TagList) == Repositories
            && warm.Requests.GetValueOrDefault(RegistryRequestKinds.ManifestHead) == digestRepositories
            && warm.Requests.Values.Sum() == Repositories + digestRepositories;
        var met = warmIsMinimal && cold.Wall <= TimeSpan.FromSeconds(10) && warm.Wall <= TimeSpan.FromSeconds(1)
            && Environment.ProcessId > 0 && Process.GetCurrentProcess().PeakWorkingSet64 <= 200L * 1024 * 1024;
        Console.WriteLine($"peak working set (process): {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024:F0} MB");
        Console.WriteLine($"goals met: {met} (warm pass = one tag list per repository + digest HEADs only: {warmIsMinimal})");
        return met ? 0 : 1;
    }

    private static async Task<PassResult> PassAsync(string name, IRegistryPassFactory factory, TagSelector selector, RegistryEndpoint endpoint, List<Policy> policies, RequestCounter counter)
    {
        counter.Reset();
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(true);
        var pass = factory.BeginPass();
        var selected = 0;
        var failed = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(policies, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (policy, ct) =>
        {
            try
            {
                var plan = selector.Prepare(policy.Settings);
                var candidates = await pass.GetCandidatesAsync(
                    new TagCandidateRequest { Image = policy.Image, Endpoint = endpoint, Settings = policy.Settings, MetadataNeeds = plan.MetadataNeeds, Classify = plan.Classify },
                    ct);
                if (plan.Select(candidates.Tags).Tag is not null)
                {
                    Interlocked.Increment(ref selected);
                }
            }
            catch (RegistryException ex)
            {
                failed.Add(ex.Message);
            }
        });
        clock.Stop();
        var heapAfter = GC.GetTotalMemory(false);
        var requests = counter.Snapshot();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} pass: {clock.Elapsed.TotalMilliseconds:F0} ms, {policies.Count} policies, {selected} selected, {failed.Count} failed; requests {string.Join(", ", requests.OrderBy(p => p.Key).Select(p => p.Key + "=" + p.Value))} (total {requests.Values.Sum()}); managed heap {heapBefore / 1048576.0:F0} -> {heapAfter / 1048576.0:F0} MB"));
        foreach (var message in failed.Take(3))
        {
            Console.WriteLine("  error: " + message);
        }

        return new PassResult(clock.Elapsed, requests);
    }

    private static List<Policy> Policies(string registry)
    {
        string[] constraints = ["^1.0", "~2.3", ">=3.0.0 <3.5.0", "4.x", "*"];
        var policies = new List<Policy>(Apps * ImagesPerApp);
        for (var i = 0; i < Apps * ImagesPerApp; i++)
        {
            var repository = i % Repositories;
            var image = ImageReference.Parse($"{registry}/{RepositoryName(repository)}");
            var settings = (repository % 10) switch
            {
                < 7 => new ImageUpdateSettings { Strategy = "semver", Constraint = constraints[i % constraints.Length] },
                < 9 => new ImageUpdateSettings { Strategy = "newest-build", Platforms = ["linux/amd64"], AllowTags = "regexp:^build-" },
                _ => new ImageUpdateSettings { Strategy = "digest", Constraint = "stable" },
            };
            policies.Add(new Policy(image, settings));
        }

        return policies;
    }

    private static async Task PushAsync(DistributionRegistry registry)
    {
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await Parallel.ForEachAsync(Enumerable.Range(0, Repositories), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (repository, _) =>
        {
            var name = RepositoryName(repository);
            var images = new byte[5][];
            for (var image = 0; image < images.Length; image++)
            {
                var created = start.AddDays(repository).AddHours(image);
                var labels = new Dictionary<string, string> { ["org.opencontainers.image.created"] = created.ToString("O", CultureInfo.InvariantCulture) };
                images[image] = (await registry.PushImageAsync(name, [], created, labels: labels)).Manifest;
            }

            for (var i = 0; i < TagsPerRepository; i++)
            {
                await registry.PushManifestAsync(name, TagName(repository, i), ManifestMediaTypes.OciManifest, images[i / (TagsPerRepository / images.Length)]);
            }
        });
    }

    private static string RepositoryName(int repository) => string.Create(CultureInfo.InvariantCulture, $"team{repository % 20}/service-{repository}");

    // Semver and digest repositories: 1.0.0 … 5.9.9 (the digest one's last tag is "stable");
    // newest-build repositories: build-0000 … build-0499.
    private static string TagName(int repository, int i) => (repository % 10) switch
    {
        7 or 8 => string.Create(CultureInfo.InvariantCulture, $"build-{i:D4}"),
        9 when i == TagsPerRepository - 1 => "stable",
        _ => string.Create(CultureInfo.InvariantCulture, $"{1 + (i / 100)}.{i / 10 % 10}.{i % 10}"),
    };

    private sealed record Policy(ImageReference Image, ImageUpdateSettings Settings);

    private sealed record PassResult(TimeSpan Wall, Dictionary<string, long> Requests);

    /// <summary>Counts the registry client's wire requests by kind from its public instrument.</summary>
    private sealed class RequestCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

        public RequestCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == RegistryInstruments.MeterName && instrument.Name == RegistryInstruments.Requests)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == RegistryInstruments.KindTag && tag.Value is string kind)
                    {
                        _counts.AddOrUpdate(kind, value, (_, sum) => sum + value);
                    }
                }
            });
            _listener.Start();
        }

        public void Reset() => _counts.Clear();

        public Dictionary<string, long> Snapshot() => new(_counts, StringComparer.Ordinal);

        public void Dispose() => _listener.Dispose();
    }
}
