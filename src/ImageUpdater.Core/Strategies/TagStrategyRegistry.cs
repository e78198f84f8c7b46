using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageUpdater;

/// <summary>
/// Finds a strategy by name, case-insensitively, as the reference does: the deprecated aliases <c>latest</c> and
/// <c>name</c> map to <c>newest-build</c> and <c>alphabetical</c> with a warning, and an unknown name falls back to
/// <c>semver</c> with a warning.
/// </summary>
public sealed partial class TagStrategyRegistry
{
    private readonly Dictionary<string, ITagStrategy> _strategies;
    private readonly ILogger _logger;

    /// <summary>Creates a registry over the registered strategies; a later registration of a name wins.</summary>
    /// <param name="strategies">The strategies.</param>
    /// <param name="logger">The logger for deprecation and fallback warnings.</param>
    public TagStrategyRegistry(IEnumerable<ITagStrategy> strategies, ILogger<TagStrategyRegistry>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        _strategies = new Dictionary<string, ITagStrategy>(StringComparer.OrdinalIgnoreCase);
        foreach (var strategy in strategies)
        {
            _strategies[strategy.Name] = strategy;
        }

        _logger = logger ?? NullLogger<TagStrategyRegistry>.Instance;
    }

    /// <summary>Gets the canonical names of the registered strategies.</summary>
    public IEnumerable<string> Names => _strategies.Keys;

    /// <summary>Resolves a strategy name as written by a user.</summary>
    /// <param name="name">The name; empty means <c>semver</c>.</param>
    /// <returns>The strategy and the warning the resolution produced, if any.</returns>
    /// <exception cref="InvalidOperationException">No <c>semver</c> strategy is registered to fall back to.</exception>
    public TagStrategyResolution Resolve(string? name)
    {
        var wanted = string.IsNullOrWhiteSpace(name) ? TagStrategyNames.Semver : name.Trim();
        string? warning = null;
        if (string.Equals(wanted, TagStrategyNames.LatestAlias, StringComparison.OrdinalIgnoreCase))
        {
            warning = $"Update strategy '{wanted}' is deprecated; use '{TagStrategyNames.NewestBuild}' instead.";
            wanted = TagStrategyNames.NewestBuild;
        }
        else if (string.Equals(wanted, TagStrategyNames.NameAlias, StringComparison.OrdinalIgnoreCase))
        {
            warning = $"Update strategy '{wanted}' is deprecated; use '{TagStrategyNames.Alphabetical}' instead.";
            wanted = TagStrategyNames.Alphabetical;
        }

        if (!_strategies.TryGetValue(wanted, out var strategy))
        {
            warning = $"Unknown update strategy '{wanted}'; falling back to '{TagStrategyNames.Semver}'.";
            strategy = _strategies.TryGetValue(TagStrategyNames.Semver, out var semver)
                ? semver
                : throw new InvalidOperationException($"No '{TagStrategyNames.Semver}' strategy is registered; call AddTagStrategies().");
        }

        if (warning is not null)
        {
            LogStrategyWarning(_logger, warning);
        }

        return new TagStrategyResolution(strategy, warning);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogStrategyWarning(ILogger logger, string warning);
}

/// <summary>A resolved strategy and the warning its name produced (deprecated alias, unknown name).</summary>
/// <param name="Strategy">The strategy to use.</param>
/// <param name="Warning">The warning, or <see langword="null"/>.</param>
public sealed record TagStrategyResolution(ITagStrategy Strategy, string? Warning);
