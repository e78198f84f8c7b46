using System.Globalization;
using ImageUpdater.Registry;
using ImageUpdater.Testing;

namespace ImageUpdater.Benchmarks.Scale;

/// <summary>
/// The data of the scale scenarios: 200 repositories × 500 tags (5 images, each tagged 100 times) and 3,000 image
/// policies (1,000 apps × 3 images; 70 % semver, 20 % newest-build, 10 % digest, following the repository).
/// </summary>
internal static class ScaleData
{
    public const int Repositories = 200;
    public const int TagsPerRepository = 500;
    public const int Apps = 1000;
    public const int ImagesPerApp = 3;

    /// <summary>The semver constraints, one per policy in turn.</summary>
    public static readonly string[] Constraints = ["^1.0", "~2.3", ">=3.0.0 <3.5.0", "4.x", "*"];

    /// <summary>Repositories 0–199 mod 10: below 7 semver, 7–8 newest-build, 9 digest.</summary>
    public static string StrategyOf(int repository) => (repository % 10) switch
    {
        < 7 => "semver",
        < 9 => "newest-build",
        _ => "digest",
    };

    public static int DigestRepositories => Enumerable.Range(0, Repositories).Count(r => StrategyOf(r) == "digest");

    public static string RepositoryName(int repository) => string.Create(CultureInfo.InvariantCulture, $"team{repository % 20}/service-{repository}");

    // Semver and digest repositories: 1.0.0 … 5.9.9 (the digest one's last tag is "stable");
    // newest-build repositories: build-0000 … build-0499.
    public static string TagName(int repository, int i) => (repository % 10) switch
    {
        7 or 8 => string.Create(CultureInfo.InvariantCulture, $"build-{i:D4}"),
        9 when i == TagsPerRepository - 1 => "stable",
        _ => string.Create(CultureInfo.InvariantCulture, $"{1 + (i / 100)}.{i / 10 % 10}.{i % 10}"),
    };

    /// <summary>Pushes the repositories once into <paramref name="storage"/>; later runs find a marker and reuse it.</summary>
    public static async Task EnsurePushedAsync(string storage)
    {
        var marker = Path.Combine(storage, "pushed-v1");
        if (File.Exists(marker))
        {
            return;
        }

        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions
        {
            StorageFolder = storage,
            RequestTimeout = TimeSpan.FromMinutes(2),
        });
        var setup = System.Diagnostics.Stopwatch.StartNew();
        await PushAsync(registry);
        await File.WriteAllTextAsync(marker, DateTimeOffset.UtcNow.ToString("O"));
        Console.WriteLine($"setup: pushed {Repositories * TagsPerRepository:N0} tags in {setup.Elapsed.TotalSeconds:F1} s");
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
}
