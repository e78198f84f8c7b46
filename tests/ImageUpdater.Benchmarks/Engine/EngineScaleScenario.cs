using System.Diagnostics;
using System.Globalization;
using System.Text;
using ImageUpdater.Benchmarks.Scale;
using ImageUpdater.Engine;
using ImageUpdater.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace ImageUpdater.Benchmarks.Engine;

/// <summary>
/// The registry scale data through the whole engine in dry-run (issue 8 §6): 1,000 Argo CD <c>Application</c> files
/// with image-updater annotations, 3 images each over 200 repositories × 500 tags (70 % semver, 20 % newest-build,
/// 10 % digest), read by the real file application source, a cold and a warm <see cref="UpdateEngine.RunCycleAsync"/>.
/// </summary>
/// <remarks>
/// The applications are files on a temporary folder read by <c>AddFileApplications</c>, not an in-memory source: the
/// cycle then costs what <c>image-updater run --once --apps DIR</c> costs, reading and mapping 1,000 documents
/// included, and no fake stands between the engine and its inputs. Live images come from <c>status.summary.images</c>.
/// </remarks>
public static class EngineScaleScenario
{
    /// <summary>
    /// Runs the scenario; <c>--storage DIR</c> and <c>--concurrency N</c> as in the registry scenario,
    /// <c>--apps-concurrency N</c> sets <see cref="CycleOptions.MaxConcurrentApplications"/> (the default 10).
    /// </summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>0 when the goals are met, 1 otherwise.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        await using var run = await ScaleRun.StartAsync(args);
        var appsConcurrency = ScaleRun.Option(args, "--apps-concurrency") is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : CycleOptions.Default.MaxConcurrentApplications;
        var apps = Directory.CreateTempSubdirectory("engine-scale-apps-");
        try
        {
            var authority = run.Registry.BaseUri.Authority;
            for (var app = 0; app < ScaleData.Apps; app++)
            {
                await File.WriteAllTextAsync(Path.Combine(apps.FullName, $"app-{app:D4}.yaml"), Application(app, authority));
            }

            var services = new ServiceCollection();
            services.AddImageUpdater()
                .AddTagStrategies()
                .AddRegistryClient(
                    o => o.MaxConcurrencyPerRegistry = run.Concurrency,
                    r => r.ConfigurationText = $"registries:\n- name: local\n  api_url: {run.Registry.BaseUri.GetLeftPart(UriPartial.Authority)}\n  prefix: {authority}\n")
                .AddFileApplications(apps.FullName);
            await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
            var engine = provider.GetRequiredService<UpdateEngine>();
            var options = new CycleOptions { DryRun = true, MaxConcurrentApplications = appsConcurrency };
            Console.WriteLine($"{ScaleData.Apps} application files in {apps.FullName}; applications at once: {appsConcurrency}; dry-run");

            var raw = await run.MeasureRawAsync("raw registry rate");
            var cold = await run.MeasureAsync("cold cycle", () => CycleAsync(engine, options));
            var warm = await run.MeasureAsync("warm cycle", () => CycleAsync(engine, options));

            var warmIsMinimal = warm.Logged.GetValueOrDefault(RegistryRequestKinds.TagList) == ScaleData.Repositories
                && warm.Logged.GetValueOrDefault(RegistryRequestKinds.ManifestHead) == ScaleData.DigestRepositories
                && warm.LoggedTotal == ScaleData.Repositories + ScaleData.DigestRepositories;
            var logAgrees = cold.LoggedTotal == cold.Requests.Values.Sum() && warm.LoggedTotal == warm.Requests.Values.Sum();
            var peak = Process.GetCurrentProcess().PeakWorkingSet64;
            var ratio = cold.RatioTo(raw);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cold cycle / registry floor: {ratio:F2}x (raw {raw.LoggedTotal / raw.Wall.TotalSeconds:F0} requests/s); access log agrees with our counter: {logAgrees}; last User-Agent: {run.Registry.LastUserAgent}"));
            Console.WriteLine($"peak working set (process): {peak / 1024.0 / 1024:F0} MB");
            var met = warmIsMinimal && logAgrees && ratio <= 1.10 && warm.Wall <= TimeSpan.FromSeconds(1) && peak <= 200L * 1024 * 1024;
            Console.WriteLine($"goals met: {met} (warm cycle = one tag list per repository + digest HEADs only: {warmIsMinimal})");
            return met ? 0 : 1;
        }
        finally
        {
            apps.Delete(recursive: true);
        }
    }

    private static async Task<string> CycleAsync(UpdateEngine engine, CycleOptions options)
    {
        var result = await engine.RunCycleAsync(options);
        var summary = result.Summary;
        var errors = result.Errors.Select(e => e.Message)
            .Concat(result.Applications.SelectMany(a => a.Errors).Select(e => e.Message))
            .Take(3);
        return string.Create(CultureInfo.InvariantCulture, $"applications {summary.Applications} (would update {summary.Updated}, unchanged {summary.Unchanged}, failed {summary.Failed}); images considered {summary.ImagesConsidered}, would update {summary.ImagesUpdated}, skipped {summary.ImagesSkipped}, errors {summary.Errors}")
            + string.Concat(errors.Select(m => "\n  error: " + m));
    }

    // Image k of application a watches repository (3a + k) mod 200, so each repository is watched by 15 images of the
    // strategy its number gives, as in the registry scenario.
    private static string Application(int app, string registry)
    {
        var list = new List<string>(ScaleData.ImagesPerApp);
        var annotations = new StringBuilder();
        var live = new StringBuilder();
        for (var k = 0; k < ScaleData.ImagesPerApp; k++)
        {
            var index = (app * ScaleData.ImagesPerApp) + k;
            var repository = index % ScaleData.Repositories;
            var image = $"{registry}/{ScaleData.RepositoryName(repository)}";
            var alias = "i" + k.ToString(CultureInfo.InvariantCulture);
            switch (ScaleData.StrategyOf(repository))
            {
                case "semver":
                    list.Add($"{alias}={image}:{ScaleData.Constraints[index % ScaleData.Constraints.Length]}");
                    live.Append($"      - {image}:1.0.0\n");
                    break;
                case "newest-build":
                    list.Add($"{alias}={image}");
                    annotations.Append($"    argocd-image-updater.argoproj.io/{alias}.update-strategy: newest-build\n");
                    annotations.Append($"    argocd-image-updater.argoproj.io/{alias}.allow-tags: \"regexp:^build-\"\n");
                    annotations.Append($"    argocd-image-updater.argoproj.io/{alias}.platforms: linux/amd64\n");
                    live.Append($"      - {image}:build-0000\n");
                    break;
                default:
                    list.Add($"{alias}={image}:stable");
                    annotations.Append($"    argocd-image-updater.argoproj.io/{alias}.update-strategy: digest\n");
                    live.Append($"      - {image}:stable\n");
                    break;
            }
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"app-{app:D4}");
        return $"""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: {name}
              namespace: argocd
              annotations:
                argocd-image-updater.argoproj.io/image-list: "{string.Join(", ", list)}"
            {annotations}spec:
              project: default
              source:
                repoURL: https://example.test/apps.git
                path: apps/{name}
                kustomize: {"{}"}
            status:
              sourceType: Kustomize
              summary:
                images:
            {live}
            """;
    }
}
