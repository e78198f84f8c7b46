using ImageUpdater;

namespace ImageUpdater.Benchmarks.Strategies;

/// <summary>Generates registry-like tag lists with a fixed seed: 60 % x.y.z, 15 % v-prefixed, 10 % -rc.N, 10 % -alpine, 5 % non-versions.</summary>
internal static class RegistryLikeTags
{
    public static TagInfo[] Generate(int count, int seed = 42)
    {
        var random = new Random(seed);
        var tags = new TagInfo[count];
        for (var i = 0; i < count; i++)
        {
            var version = $"{random.Next(0, 12)}.{random.Next(0, 20)}.{random.Next(0, 50)}";
            var kind = random.Next(100);
            var name = kind switch
            {
                < 60 => version,
                < 75 => "v" + version,
                < 85 => version + "-rc." + random.Next(1, 10),
                < 95 => version + "-alpine",
                _ => "sha-" + random.Next().ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
            };
            tags[i] = new TagInfo(name);
        }

        return tags;
    }
}
