using ImageUpdater;
using ImageUpdater.Samples.Embedding;
using ImageUpdater.Strategies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// A console host that embeds ImageUpdater: the built-in strategies plus one of our own, chosen by name per image.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddImageUpdater()
    .AddTagStrategies()
    .AddTagStrategy<CalendarVersionStrategy>();

using var host = builder.Build();
var selector = host.Services.GetRequiredService<TagSelector>();

TagInfo[] tags = [new("1.25.3"), new("1.26.0"), new("1.26.1-rc.1"), new("2024.11.02"), new("2025.01.15"), new("latest")];

Show("semver ^1.25", new ImageUpdateSettings { Constraint = "^1.25" });
Show("semver with pre-releases", new ImageUpdateSettings { Constraint = ">=1.26.0-0" });
Show("calendar versions (our own strategy)", new ImageUpdateSettings { Strategy = CalendarVersionStrategy.StrategyName });
Show("alphabetical, digits only", new ImageUpdateSettings { Strategy = "alphabetical", AllowTags = "regexp:^[0-9.]+$" });

void Show(string title, ImageUpdateSettings settings)
{
    var outcome = selector.Select(tags, settings);
    Console.WriteLine($"{title,-40} -> {outcome.Tag?.Name ?? outcome.Error ?? "(no tag qualifies)"}");
}
