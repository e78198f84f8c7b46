using System.Text;

namespace ImageUpdater.Credentials;

/// <summary>
/// Tries sources in order, as Azure.Core's <c>ChainedTokenCredential</c>: an unavailable source moves on, any other
/// failure stops; when none has a credential, the error lists every source's reason.
/// </summary>
public sealed class ChainedCredentialSource : RegistryCredentialSource
{
    private readonly RegistryCredentialSource[] _sources;

    /// <summary>Creates a chain.</summary>
    /// <param name="sources">The sources, tried in order.</param>
    public ChainedCredentialSource(params IEnumerable<RegistryCredentialSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _sources = [.. sources];
        if (_sources.Length == 0 || Array.Exists(_sources, s => s is null))
        {
            throw new ArgumentException("a chain needs at least one source and no null source", nameof(sources));
        }
    }

    /// <summary>Gets the sources, in order.</summary>
    public IReadOnlyList<RegistryCredentialSource> Sources => _sources;

    /// <inheritdoc />
    public override async ValueTask<RegistryCredential> GetCredentialAsync(string registryApiUrl, CancellationToken cancellationToken = default)
    {
        var reasons = new List<CredentialUnavailableException>();
        foreach (var source in _sources)
        {
            try
            {
                return await source.GetCredentialAsync(registryApiUrl, cancellationToken).ConfigureAwait(false);
            }
            catch (CredentialUnavailableException ex)
            {
                reasons.Add(ex);
            }
            catch (CredentialException ex) when (reasons.Count > 0)
            {
                throw new CredentialException(Describe($"{source} failed: {ex.Message}; sources tried before it had no credentials", reasons), ex);
            }
        }

        throw new CredentialUnavailableException(
            Describe($"no credential source had credentials for registry {registryApiUrl}", reasons),
            new AggregateException(reasons));
    }

    /// <summary>Lists the sources.</summary>
    /// <returns>The sources' specs joined by <c>, then </c>.</returns>
    public override string ToString() => string.Join(", then ", _sources.Select(s => s.ToString()));

    private string Describe(string headline, List<CredentialUnavailableException> reasons)
    {
        var text = new StringBuilder(headline).Append(':');
        for (var i = 0; i < reasons.Count; i++)
        {
            text.Append("\n- ").Append(_sources[i]).Append(": ").Append(reasons[i].Message);
        }

        return text.ToString();
    }
}
