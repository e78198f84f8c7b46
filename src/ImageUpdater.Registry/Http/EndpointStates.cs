using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Registry.Http;

/// <summary>The per-registry state, created on first use of an endpoint and kept while the process runs.</summary>
internal sealed class EndpointStates(IOptions<RegistryClientOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<RegistryEndpoint, Lazy<EndpointState>> _states = new();
    private readonly ConcurrentDictionary<string, EndpointTls> _tlsByClientName = new(StringComparer.Ordinal);

    /// <exception cref="ConfigurationException">The endpoint's CA settings cannot be loaded.</exception>
    public EndpointState Get(RegistryEndpoint endpoint)
    {
        var lazy = _states.GetOrAdd(endpoint, e => new Lazy<EndpointState>(() => new EndpointState(e, options.Value.MaxConcurrencyPerRegistry, options.Value.MaxBearerTokensPerRegistry)));
        EndpointState state;
        try
        {
            state = lazy.Value;
        }
        catch (ConfigurationException)
        {
            // A CA file that was missing or bad is read again next time, so fixing it needs no restart.
            _states.TryRemove(new KeyValuePair<RegistryEndpoint, Lazy<EndpointState>>(endpoint, lazy));
            throw;
        }

        _tlsByClientName.TryAdd(state.ClientName, state.Tls);
        return state;
    }

    public EndpointTls? FindTls(string clientName) => _tlsByClientName.GetValueOrDefault(clientName);

    public void Dispose()
    {
        foreach (var state in _states.Values)
        {
            if (state.IsValueCreated)
            {
                state.Value.Dispose();
            }
        }
    }
}
