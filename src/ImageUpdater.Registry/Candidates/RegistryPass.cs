using System.Collections.Concurrent;
using ImageUpdater.Engine;
using ImageUpdater.Registry.Caching;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Registry.Candidates;

/// <summary>
/// One resolution pass: each repository's tag list is fetched once and shared by every image naming it, each
/// watched tag's digest is asked once, and images asking the same question of a repository (same classification,
/// metadata needs, watched tag and platforms) share one answer.
/// </summary>
internal sealed class RegistryPass(
    IRegistryTagLister tagLister,
    IRegistryDigestReader digestReader,
    BuildMetadataReader buildMetadata,
    RegistryMetrics metrics,
    IOptions<RegistryClientOptions> options) : ITagCandidateSource
{
    private readonly ConcurrentDictionary<RegistryRepository, Lazy<Task<RepositoryTags>>> _tagLists = new();
    private readonly ConcurrentDictionary<(RegistryRepository Repository, string Tag), Lazy<Task<Digest>>> _digests = new();
    private readonly ConcurrentDictionary<CandidateKey, TagCandidates> _answers = new();
    private readonly int _metadataConcurrency = options.Value.MetadataConcurrency;

    public async ValueTask<TagCandidates> GetCandidatesAsync(TagCandidateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = request.Settings;
        var repository = RegistryRepository.For(request.Endpoint, request.Image, settings.PullSecret, request.ApplicationNamespace);
        var all = await ListTagsOnceAsync(repository).WaitAsync(cancellationToken).ConfigureAwait(false);

        var wantsDigest = request.MetadataNeeds == TagMetadataNeeds.ConstraintTagDigest;
        if (wantsDigest && string.IsNullOrEmpty(settings.Constraint))
        {
            throw new ArgumentException($"The digest strategy for image '{request.Image.FullName}' needs a constraint naming the tag to watch.", nameof(request));
        }

        // Plans for identical settings are one object, so the Classify delegates of images sharing a plan compare
        // equal: their classification, and the candidates built from it, are made once per pass instead of once per
        // image (3,000 policies over 500 tags each otherwise allocate tens of MB per pass). Only completed answers
        // are kept, so a cancelled or failed caller leaves nothing behind; the pass object bounds their lifetime.
        var key = CandidateKey.Of(repository, request, wantsDigest);
        if (_answers.TryGetValue(key, out var shared))
        {
            return shared;
        }

        var answer = await AnswerAsync(repository, all, request, wantsDigest, cancellationToken).ConfigureAwait(false);
        return _answers.Count < MaxSharedAnswers ? _answers.GetOrAdd(key, answer) : answer;
    }

    private async ValueTask<TagCandidates> AnswerAsync(RegistryRepository repository, RepositoryTags all, TagCandidateRequest request, bool wantsDigest, CancellationToken cancellationToken)
    {
        var settings = request.Settings;
        var (names, kept, funnel) = Classify(all.Names, request, wantsDigest);

        // tagsortmode: the registry's order is the age order, so no metadata is fetched; creation times are made
        // from positions, as the reference does.
        if (request.Endpoint.TagSortMode != TagSortMode.None)
        {
            var sorted = new TagInfo[names.Count];
            for (var i = 0; i < names.Count; i++)
            {
                var seconds = request.Endpoint.TagSortMode == TagSortMode.LatestFirst ? names.Count - i : i;
                sorted[i] = new TagInfo(names[i]) { CreatedAt = DateTimeOffset.FromUnixTimeSeconds(seconds) };
            }

            return new TagCandidates { Repository = repository, Tags = sorted, Funnel = funnel with { Candidates = sorted.Length } };
        }

        switch (request.MetadataNeeds)
        {
            case TagMetadataNeeds.ConstraintTagDigest:
                var withDigest = new TagInfo[names.Count];
                for (var i = 0; i < names.Count; i++)
                {
                    var digest = await DigestOnceAsync(repository, names[i]).WaitAsync(cancellationToken).ConfigureAwait(false);
                    withDigest[i] = new TagInfo(names[i]) { Digest = digest };
                }

                return new TagCandidates { Repository = repository, Tags = withDigest, Funnel = funnel with { Candidates = withDigest.Length } };

            case TagMetadataNeeds.BuildMetadata:
                var described = await DescribeAllAsync(repository, names, all.OutcomesFor(settings.Platforms), settings.Platforms, cancellationToken).ConfigureAwait(false);
                return described with
                {
                    Funnel = funnel with { RemovedByPlatform = described.Funnel.RemovedByPlatform, Candidates = described.Tags.Count },
                };

            default:
                var nameOnly = all.NameOnly;
                return new TagCandidates { Repository = repository, Tags = kept.ConvertAll(i => nameOnly[i]), Funnel = funnel with { Candidates = kept.Count } };
        }
    }

    // Enough for every distinct (repository, plan, platforms) of a large installation; a pass beyond it still answers,
    // it only stops remembering.
    private const int MaxSharedAnswers = 65_536;

    // Each tag is classified once per distinct question; the counts say later why no tag qualified.
    private static (List<string> Names, List<int> Kept, TagFunnel Funnel) Classify(string[] all, TagCandidateRequest request, bool wantsDigest)
    {
        var names = new List<string>(wantsDigest ? 1 : all.Length);
        var kept = new List<int>(wantsDigest ? 1 : all.Length);
        int allow = 0, ignore = 0, unextractable = 0, outside = 0;
        for (var i = 0; i < all.Length; i++)
        {
            var tag = all[i];
            var classification = wantsDigest && !string.Equals(tag, request.Settings.Constraint, StringComparison.Ordinal)
                ? TagClassification.NotWatched
                : request.Classify?.Invoke(tag) ?? TagClassification.Candidate;
            switch (classification)
            {
                case TagClassification.Candidate:
                    names.Add(tag);
                    kept.Add(i);
                    break;
                case TagClassification.RemovedByAllowTags:
                    allow++;
                    break;
                case TagClassification.RemovedByIgnoreTags:
                    ignore++;
                    break;
                case TagClassification.NotExtractable:
                    unextractable++;
                    break;
                default:
                    outside++;
                    break;
            }
        }

        var funnel = new TagFunnel
        {
            Listed = all.Length,
            RemovedByAllowTags = allow,
            RemovedByIgnoreTags = ignore,
            Unparseable = unextractable,
            OutsideConstraint = outside,
        };
        return (names, kept, funnel);
    }

    private Task<RepositoryTags> ListTagsOnceAsync(RegistryRepository repository)
    {
        var created = false;
        var entry = _tagLists.GetOrAdd(repository, r =>
        {
            created = true;
            return new Lazy<Task<RepositoryTags>>(() => ListAsync(r));
        });
        if (!created)
        {
            metrics.RecordCacheHit("tag-list");
        }

        return entry.Value;

        // Shared by every caller of the pass: it runs to the end even when the first caller gives up.
        async Task<RepositoryTags> ListAsync(RegistryRepository r)
        {
            var tags = new List<string>();
            await foreach (var tag in tagLister.ListTagsAsync(r, CancellationToken.None).ConfigureAwait(false))
            {
                tags.Add(tag);
            }

            return new RepositoryTags([.. tags]);
        }
    }

    private Task<Digest> DigestOnceAsync(RegistryRepository repository, string tag) =>
        _digests.GetOrAdd((repository, tag), key => new Lazy<Task<Digest>>(() => digestReader.GetDigestAsync(key.Repository, key.Tag, CancellationToken.None).AsTask())).Value;

    private async Task<TagCandidates> DescribeAllAsync(RegistryRepository repository, List<string> names, ConcurrentDictionary<string, TagOutcome> known, IReadOnlyList<string> platforms, CancellationToken cancellationToken)
    {
        var outcomes = new TagOutcome[names.Count];
        var pending = new List<(int Index, Task<TagOutcome> Task)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            for (var i = 0; i < names.Count; i++)
            {
                // Tags another image of this pass described are reused; cached ones complete synchronously; only
                // misses wait, at most MetadataConcurrency at a time.
                if (known.TryGetValue(names[i], out outcomes[i]))
                {
                    continue;
                }

                var outcome = buildMetadata.DescribeAsync(repository, names[i], platforms, stop.Token);
                if (outcome.IsCompletedSuccessfully)
                {
                    outcomes[i] = known[names[i]] = outcome.Result;
                    continue;
                }

                pending.Add((i, outcome.AsTask()));
                if (pending.Count >= _metadataConcurrency)
                {
                    // Wait for the oldest rather than for any: Task.WhenAny over the window copied it into an array
                    // and registered a continuation on every task for each completion (quadratic in the window, and
                    // the largest allocation of the cold pass after the bodies); requests of one repository take
                    // about as long as each other, so the oldest is about the first to finish anyway.
                    await ((Task)pending[0].Task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    Collect(pending, outcomes, names, known, all: false);
                }
            }

            await Task.WhenAll(pending.Select(static p => p.Task)).ConfigureAwait(false);
            Collect(pending, outcomes, names, known, all: true);
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(pending.Select(static p => p.Task)).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The first failure is the one reported; the others were caused by stopping.
            }

            throw;
        }

        var tags = new List<TagInfo>(outcomes.Length);
        var skipped = new List<SkippedTag>();
        var wrongPlatform = 0;
        foreach (var outcome in outcomes)
        {
            if (outcome.Tag is { } tag)
            {
                tags.Add(tag);
            }
            else if (outcome.Skipped is { } skip)
            {
                skipped.Add(skip);
                wrongPlatform += outcome.WrongPlatform ? 1 : 0;
            }
        }

        return new TagCandidates { Repository = repository, Tags = tags, Skipped = skipped, Funnel = new TagFunnel { RemovedByPlatform = wrongPlatform } };
    }

    private static void Collect(List<(int Index, Task<TagOutcome> Task)> pending, TagOutcome[] outcomes, List<string> names, ConcurrentDictionary<string, TagOutcome> known, bool all)
    {
        for (var i = pending.Count - 1; i >= 0; i--)
        {
            var (index, task) = pending[i];
            if (all || task.IsCompleted)
            {
                outcomes[index] = known[names[index]] = task.GetAwaiter().GetResult();
                pending.RemoveAt(i);
            }
        }
    }

    /// <summary>Everything a pass's answer depends on besides the repository's tag list.</summary>
    private readonly record struct CandidateKey(RegistryRepository Repository, Func<string, TagClassification>? Classify, TagMetadataNeeds Needs, string? WatchedTag, string Platforms)
    {
        public static CandidateKey Of(RegistryRepository repository, TagCandidateRequest request, bool wantsDigest) => new(
            repository,
            request.Classify,
            request.MetadataNeeds,
            wantsDigest ? request.Settings.Constraint : null,
            request.MetadataNeeds == TagMetadataNeeds.BuildMetadata ? string.Join(",", request.Settings.Platforms) : string.Empty);
    }
}
