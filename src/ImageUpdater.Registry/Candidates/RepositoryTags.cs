using System.Collections.Concurrent;

namespace ImageUpdater.Registry.Candidates;

/// <summary>
/// A repository's tag list within one pass, and what the pass learned about its tags, shared by every image naming
/// the repository: the name-only records, and the described tags per set of wanted platforms.
/// </summary>
internal sealed class RepositoryTags(string[] names)
{
    private TagInfo[]? _nameOnly;

    public string[] Names { get; } = names;

    /// <summary>Gets immutable name-only records, made once and handed to every caller.</summary>
    public TagInfo[] NameOnly => _nameOnly ?? Interlocked.CompareExchange(ref _nameOnly, Array.ConvertAll(Names, static n => new TagInfo(n)), null) ?? _nameOnly!;

    /// <summary>Gets the described tags for one set of wanted platforms (the key is the platforms joined).</summary>
    public ConcurrentDictionary<string, TagOutcome> OutcomesFor(IReadOnlyList<string> platforms) =>
        Outcomes.GetOrAdd(string.Join(",", platforms), static _ => new ConcurrentDictionary<string, TagOutcome>(StringComparer.Ordinal));

    private ConcurrentDictionary<string, ConcurrentDictionary<string, TagOutcome>> Outcomes { get; } = new(StringComparer.Ordinal);
}
