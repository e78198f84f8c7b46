using ImageUpdater;
using ImageUpdater.Samples.Embedding;
using ImageUpdater.Strategies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// A console host that embeds ImageUpdater's tag selection: the built-in strategies plus one of our own, chosen by name
// per image. Each policy runs over the tags of the image it is meant for.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddImageUpdater()
    .AddTagStrategies()
    .AddTagStrategy<CalendarVersionStrategy>();

using var host = builder.Build();
var selector = host.Services.GetRequiredService<TagSelector>();

TagInfo[] web = [new("1.24.0"), new("1.25.0"), new("1.25.3"), new("1.26.0-rc.1"), new("2.0.0"), new("latest")];
TagInfo[] nightly = [new("2024.11.02"), new("2025.01.15"), new("2025.1.9"), new("latest")];
TagInfo[] releases = [new("release-2024-12"), new("release-2025-03"), new("release-2025-01"), new("main")];

Show("web, semver ^1.25 (stays on 1.x, no pre-releases)", web, new ImageUpdateSettings { Constraint = "^1.25" });
Show("web, semver ~1.24 (patches of 1.24 only)", web, new ImageUpdateSettings { Constraint = "~1.24" });
Show("web, semver ^1.25.0-0 (opts in to pre-releases)", web, new ImageUpdateSettings { Constraint = "^1.25.0-0" });
Show("web, semver, no constraint (the newest release)", web, new ImageUpdateSettings());
Show("nightly, calver (our own strategy)", nightly, new ImageUpdateSettings { Strategy = CalendarVersionStrategy.StrategyName });
Show("releases, alphabetical over release-*", releases, new ImageUpdateSettings { Strategy = "alphabetical", AllowTags = "regexp:^release-" });

void Show(string title, TagInfo[] tags, ImageUpdateSettings settings)
{
    var outcome = selector.Select(tags, settings);
    Console.WriteLine($"{title,-52} -> {outcome.Tag?.Name ?? outcome.Error ?? "(no tag qualifies)"}");
}
