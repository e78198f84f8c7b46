using ImageUpdater.Engine;
using ImageUpdater.Registry.Caching;
using Microsoft.Extensions.Logging;

namespace ImageUpdater.Registry.Candidates;

/// <summary>
/// Describes a tag for build-based strategies: creation time, labels and platforms. For an index the creation time is
/// the latest <c>created</c> among the children that match the wanted platforms (the reference's rule), with that
/// child's labels.
/// </summary>
internal sealed partial class BuildMetadataReader(ImageMetadata metadata, ILogger<BuildMetadataReader> logger)
{
    public async ValueTask<TagOutcome> DescribeAsync(RegistryRepository repository, string tag, IReadOnlyList<string> wanted, CancellationToken cancellationToken)
    {
        TagOutcome outcome;
        try
        {
            var manifest = await metadata.GetTagManifestAsync(repository, tag, cancellationToken).ConfigureAwait(false);
            outcome = manifest.IsIndex
                ? await DescribeIndexAsync(repository, tag, manifest, wanted, cancellationToken).ConfigureAwait(false)
                : await DescribeImageAsync(repository, tag, manifest, wanted, cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryException ex) when (IsAboutThisTag(ex))
        {
            outcome = TagOutcome.Skip(tag, ex.Message);
        }

        if (outcome.Skipped is { } skipped)
        {
            LogSkipped(logger, repository, tag, skipped.Reason);
        }

        return outcome;
    }

    private async ValueTask<TagOutcome> DescribeIndexAsync(RegistryRepository repository, string tag, RegistryManifest index, IReadOnlyList<string> wanted, CancellationToken cancellationToken)
    {
        var platforms = new List<Platform>(index.Children.Count);
        DateTimeOffset? newest = null;
        IReadOnlyDictionary<string, string>? labels = null;
        var matched = false;
        foreach (var child in index.Children)
        {
            if (child.Platform is not { } platform)
            {
                continue; // attestations and other artifacts carry no platform
            }

            platforms.Add(platform);
            if (!Platform.AnyAccepts(wanted, platform))
            {
                continue;
            }

            matched = true;
            var manifest = await metadata.GetManifestAsync(repository, child.Digest, cancellationToken).ConfigureAwait(false);
            if (manifest.ConfigDigest is not { } configDigest)
            {
                return TagOutcome.Skip(tag, $"the index's child {child.Digest} for {platform} is not an image manifest");
            }

            var config = await metadata.GetConfigAsync(repository, configDigest, cancellationToken).ConfigureAwait(false);
            if (config.Created is not { } created)
            {
                return TagOutcome.Skip(tag, $"the config blob {configDigest} of {platform} has no 'created' time");
            }

            if (newest is null || created > newest)
            {
                newest = created;
                labels = config.Labels;
            }
        }

        if (!matched)
        {
            return TagOutcome.SkipPlatform(tag, $"none of the index's platforms ({string.Join(", ", platforms)}) is wanted ({WantedText(wanted)})");
        }

        return TagOutcome.Found(new TagInfo(tag) { Digest = index.Digest, CreatedAt = newest, Labels = labels!, Platforms = platforms });
    }

    private async ValueTask<TagOutcome> DescribeImageAsync(RegistryRepository repository, string tag, RegistryManifest manifest, IReadOnlyList<string> wanted, CancellationToken cancellationToken)
    {
        var config = await metadata.GetConfigAsync(repository, manifest.ConfigDigest!.Value, cancellationToken).ConfigureAwait(false);
        if (!Platform.AnyAccepts(wanted, config.Platform))
        {
            return TagOutcome.SkipPlatform(tag, $"the image is built for {config.Platform}, not a wanted platform ({WantedText(wanted)})");
        }

        if (config.Created is not { } created)
        {
            return TagOutcome.Skip(tag, $"the config blob {manifest.ConfigDigest} has no 'created' time");
        }

        return TagOutcome.Found(new TagInfo(tag) { Digest = manifest.Digest, CreatedAt = created, Labels = config.Labels, Platforms = [config.Platform] });
    }

    // A missing or unreadable manifest is this tag's problem (skipped, as the reference does); an unreachable,
    // refusing or overloaded registry is the image's.
    private static bool IsAboutThisTag(RegistryException ex) => ex.Kind is RegistryErrorKind.NotFound or RegistryErrorKind.InvalidContent;

    private static string WantedText(IReadOnlyList<string> wanted) => wanted.Count == 0 ? Platform.Current.ToString() : string.Join(", ", wanted);
}

/// <summary>A described tag, or the reason it was left out and whether that reason is its platform.</summary>
internal readonly record struct TagOutcome(TagInfo? Tag, SkippedTag? Skipped, bool WrongPlatform = false)
{
    public static TagOutcome Found(TagInfo tag) => new(tag, null);

    public static TagOutcome Skip(string tag, string reason) => new(null, new SkippedTag(tag, reason));

    public static TagOutcome SkipPlatform(string tag, string reason) => new(null, new SkippedTag(tag, reason), WrongPlatform: true);
}
