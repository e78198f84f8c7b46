using System.Diagnostics;
using System.Globalization;
using ImageUpdater.Registry;

namespace ImageUpdater.Benchmarks.Scale;

/// <summary>
/// One run of a scale scenario: the pushed storage served by a registry with its access log on, and passes measured
/// by wall time, requests by kind (the registry's access log and our counter), CPU of both processes (sampled from
/// <c>/proc</c> during the pass) and the managed heap.
/// </summary>
internal sealed class ScaleRun : IAsyncDisposable
{
    private readonly AllocationSampler? _sampler;

    private ScaleRun(AccessLogRegistry registry, int concurrency, bool profileAllocations)
    {
        Registry = registry;
        Concurrency = concurrency;
        _sampler = profileAllocations ? new AllocationSampler() : null;
    }

    public AccessLogRegistry Registry { get; }

    /// <summary>Gets the requests in flight per registry (<see cref="RegistryClientOptions.MaxConcurrencyPerRegistry"/>).</summary>
    public int Concurrency { get; }

    public RequestCounter Counter { get; } = new();

    /// <summary>Reads <c>--storage DIR</c> (default: a temporary folder kept between runs) and <c>--concurrency N</c> (32).</summary>
    public static async Task<ScaleRun> StartAsync(string[] args)
    {
        var storage = Option(args, "--storage") ?? Path.Combine(Path.GetTempPath(), "imageupdater-registry-scale");
        Directory.CreateDirectory(storage);
        await ScaleData.EnsurePushedAsync(storage);
        var concurrency = Option(args, "--concurrency") is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : 32;
        var registry = await AccessLogRegistry.StartAsync(storage);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"registry pid {registry.ProcessId} at {registry.BaseUri}; requests in flight per registry: {concurrency}; load average {File.ReadAllText("/proc/loadavg").Trim()}"));
        return new ScaleRun(registry, concurrency, args.Contains("--alloc-profile"));
    }

    public static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>Runs and measures one pass; <paramref name="pass"/> returns a line saying what it did.</summary>
    public async Task<PassReport> MeasureAsync(string name, Func<Task<string>> pass)
    {
        Counter.Reset();
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(true);
        await Registry.MarkAsync();
        var self = Environment.ProcessId;
        var clientBefore = ProcessCpu.Read(self);
        var registryBefore = ProcessCpu.Read(Registry.ProcessId);
        using var stop = new CancellationTokenSource();
        var sampler = SampleAsync(self, Registry.ProcessId, stop.Token);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gen0Before = GC.CollectionCount(0);
        var gen2Before = GC.CollectionCount(2);
        var workItemsBefore = ThreadPool.CompletedWorkItemCount;
        _sampler?.Start();
        var clock = Stopwatch.StartNew();
        var what = await pass();
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var gen0 = GC.CollectionCount(0) - gen0Before;
        var gen2 = GC.CollectionCount(2) - gen2Before;
        var workItems = ThreadPool.CompletedWorkItemCount - workItemsBefore;
        var client = ProcessCpu.Read(self) - clientBefore;
        var registry = ProcessCpu.Read(Registry.ProcessId) - registryBefore;
        await stop.CancelAsync();
        var (clientPeak, registryPeak) = await sampler;
        var heapAfter = GC.GetTotalMemory(false);
        var ours = Counter.Snapshot();
        var logged = await Registry.CountAsync();
        var report = new PassReport(name, clock.Elapsed, ours, logged, client, registry);
        var wall = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {clock.Elapsed.TotalMilliseconds:F0} ms; {what}"));
        Console.WriteLine($"  requests (our counter):      {Describe(ours)}");
        Console.WriteLine($"  requests (registry log):     {Describe(logged)}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  CPU client {client.TotalSeconds:F2} s ({client.TotalSeconds / wall * 100:F0} % mean, {clientPeak:F0} % peak 0.5 s), registry {registry.TotalSeconds:F2} s ({registry.TotalSeconds / wall * 100:F0} % mean, {registryPeak:F0} % peak); client {report.ClientMillisecondsPerRequest:F2} ms per logged request; {report.LoggedTotal / wall:F0} requests/s"));
        var perRequest = Math.Max(1, report.LoggedTotal);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  allocated {allocated / 1048576.0:F0} MB ({allocated / perRequest / 1024.0:F1} KB per request), GCs gen0 {gen0} / gen2 {gen2}, thread-pool work items {workItems} ({workItems / (double)perRequest:F1} per request)"));
        _sampler?.StopAndPrint(25);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  managed heap {heapBefore / 1048576.0:F0} -> {heapAfter / 1048576.0:F0} MB; peak working set so far: client {ProcessCpu.PeakWorkingSet(self) / 1048576.0:F0} MB, registry {ProcessCpu.PeakWorkingSet(Registry.ProcessId) / 1048576.0:F0} MB"));
        return report;
    }

    /// <summary>
    /// The registry's own rate: GETs of the newest-build repositories' 20,000 tag manifests with a plain
    /// <see cref="HttpClient"/> at the client's concurrency, no parsing.
    /// </summary>
    public Task<PassReport> MeasureRawAsync(string name)
    {
        var uris = new List<Uri>();
        for (var repository = 0; repository < ScaleData.Repositories; repository++)
        {
            if (ScaleData.StrategyOf(repository) != "newest-build")
            {
                continue;
            }

            for (var i = 0; i < ScaleData.TagsPerRepository; i++)
            {
                uris.Add(new Uri(Registry.BaseUri, $"/v2/{ScaleData.RepositoryName(repository)}/manifests/{ScaleData.TagName(repository, i)}"));
            }
        }

        return MeasureAsync(name, async () =>
        {
            using var http = new HttpClient();
            var failed = 0;
            await Parallel.ForEachAsync(uris, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (uri, ct) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.TryAddWithoutValidation("Accept", ManifestMediaTypes.AcceptHeader);
                using var response = await http.SendAsync(request, ct);
                _ = await response.Content.ReadAsByteArrayAsync(ct);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failed);
                }
            });
            return $"{uris.Count} manifest GETs with a plain HttpClient, {failed} failed";
        });
    }

    public async ValueTask DisposeAsync()
    {
        Counter.Dispose();
        _sampler?.Dispose();
        await Registry.DisposeAsync();
    }

    private static string Describe(Dictionary<string, long> counts) =>
        string.Join(", ", counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)) + $" (total {counts.Values.Sum()})";

    // The highest CPU share of each process over any half second of the pass (100 % = one core).
    private static async Task<(double Client, double Registry)> SampleAsync(int client, int registry, CancellationToken stop)
    {
        double clientPeak = 0, registryPeak = 0;
        var lastClient = ProcessCpu.Read(client);
        var lastRegistry = ProcessCpu.Read(registry);
        var last = Stopwatch.GetTimestamp();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(500, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var nowClient = ProcessCpu.Read(client);
            var nowRegistry = ProcessCpu.Read(registry);
            var seconds = Stopwatch.GetElapsedTime(last).TotalSeconds;
            last = Stopwatch.GetTimestamp();
            clientPeak = Math.Max(clientPeak, (nowClient - lastClient).TotalSeconds / seconds * 100);
            registryPeak = Math.Max(registryPeak, (nowRegistry - lastRegistry).TotalSeconds / seconds * 100);
            lastClient = nowClient;
            lastRegistry = nowRegistry;
        }

        return (clientPeak, registryPeak);
    }
}

/// <summary>What one measured pass cost.</summary>
internal sealed record PassReport(string Name, TimeSpan Wall, Dictionary<string, long> Requests, Dictionary<string, long> Logged, TimeSpan ClientCpu, TimeSpan RegistryCpu)
{
    public long LoggedTotal => Logged.Values.Sum();

    public double ClientMillisecondsPerRequest => LoggedTotal == 0 ? 0 : ClientCpu.TotalMilliseconds / LoggedTotal;

    /// <summary>This pass's wall time over the time the registry alone needs for as many requests at <paramref name="raw"/>'s rate.</summary>
    public double RatioTo(PassReport raw) => Wall.TotalSeconds / (LoggedTotal / (raw.LoggedTotal / raw.Wall.TotalSeconds));
}
