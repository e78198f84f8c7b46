using ImageUpdater.Applications;
using ImageUpdater.Engine;

namespace ImageUpdater.WriteBack.ArgoCD.Tests;

/// <summary>
/// Applications held in memory with a version that every update bumps, as an API server's resourceVersion; a stale
/// version is a conflict. <see cref="ChangeBeforeNextUpdates"/> simulates someone else updating first.
/// </summary>
internal sealed class InMemoryApplicationStore : IApplicationStore
{
    private readonly Dictionary<string, ArgoApplication> _applications = new(StringComparer.Ordinal);

    public int Reads { get; private set; }

    public List<ApplicationSourceReplacement> Updates { get; } = [];

    /// <summary>Gets or sets how many of the next updates find the application changed by someone else first.</summary>
    public int ChangeBeforeNextUpdates { get; set; }

    /// <summary>Gets or sets names of applications whose update fails.</summary>
    public HashSet<string> Failing { get; } = new(StringComparer.Ordinal);

    public void Put(ArgoApplication application) => _applications[application.Name] = application with { Version = "1" };

    public ArgoApplication Get(string name) => _applications[name];

    public ValueTask<ArgoApplication> ReadAsync(ArgoApplication application, CancellationToken cancellationToken = default)
    {
        Reads++;
        return _applications.TryGetValue(application.Name, out var stored)
            ? ValueTask.FromResult(stored)
            : throw new ImageUpdaterException($"{application.DisplayName} not found.");
    }

    public ValueTask<ApplicationStoreResult> ReplaceSourceAsync(ApplicationSourceReplacement replacement, CancellationToken cancellationToken = default)
    {
        var name = replacement.Application.Name;
        if (Failing.Contains(name))
        {
            return ValueTask.FromResult(ApplicationStoreResult.Failed($"{replacement.Application.DisplayName}: forbidden"));
        }

        if (ChangeBeforeNextUpdates > 0)
        {
            ChangeBeforeNextUpdates--;
            var other = _applications[name];
            _applications[name] = other with { Version = Bump(other.Version), Labels = new Dictionary<string, string> { ["touched"] = other.Version! } };
        }

        var stored = _applications[name];
        if (stored.Version != replacement.Application.Version)
        {
            return ValueTask.FromResult(ApplicationStoreResult.Conflict($"{stored.DisplayName} is at version {stored.Version}"));
        }

        Updates.Add(replacement);
        var updated = replacement.SourceIndex < 0
            ? stored with { Source = replacement.Source }
            : stored with { Sources = stored.Sources.Select((s, i) => i == replacement.SourceIndex ? replacement.Source : s).ToList() };
        _applications[name] = updated with { Version = Bump(stored.Version) };
        return ValueTask.FromResult(ApplicationStoreResult.Updated("version " + _applications[name].Version));
    }

    private static string Bump(string? version) => (int.Parse(version!, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
