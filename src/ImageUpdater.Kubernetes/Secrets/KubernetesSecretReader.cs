using System.Collections.Concurrent;
using System.Net;
using ImageUpdater.Credentials;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Kubernetes;

/// <summary>
/// Reads Secrets from the API server for <c>pullsecret:</c>, <c>secret:</c> and Git credentials. Each Secret is read at
/// most once per cycle (concurrent readers share the request). Only the namespaces the source watches (and the Argo CD
/// namespace) may be read: a reference to a Secret anywhere else is refused, so that an application's settings cannot
/// reach another team's Secrets through this process's service account. Errors name the Secret, never a value.
/// </summary>
internal sealed class KubernetesSecretReader(
    KubernetesCluster cluster,
    IOptions<KubernetesApplicationSourceOptions> sourceOptions,
    CycleGeneration generation) : ISecretReader
{
    private readonly ConcurrentDictionary<(string Namespace, string Name), (long Generation, Lazy<Task<IReadOnlyDictionary<string, byte[]>?>> Read)> _cache = new();

    public async ValueTask<IReadOnlyDictionary<string, byte[]>?> ReadSecretAsync(string @namespace, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!Allowed(@namespace))
        {
            throw new CredentialException($"secret '{@namespace}/{name}' is outside the namespaces ImageUpdater watches; it is not read");
        }

        var current = generation.Current;
        var key = (@namespace, name);
        var entry = _cache.AddOrUpdate(
            key,
            _ => (current, NewRead(@namespace, name)),
            (_, existing) => existing.Generation == current ? existing : (current, NewRead(@namespace, name)));
        try
        {
            return await entry.Read.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed read is not kept: the next caller asks the server again.
            _cache.TryRemove(new KeyValuePair<(string, string), (long, Lazy<Task<IReadOnlyDictionary<string, byte[]>?>>)>(key, entry));
            throw;
        }
    }

    private bool Allowed(string ns)
    {
        var watched = sourceOptions.Value.WatchNamespaces;
        return watched.Contains(KubernetesApplicationSourceOptions.AllNamespaces)
            || watched.Contains(ns)
            || string.Equals(ns, cluster.ArgoCdNamespace, StringComparison.Ordinal);
    }

    private Lazy<Task<IReadOnlyDictionary<string, byte[]>?>> NewRead(string ns, string name) =>
        new(() => ReadAsync(ns, name), LazyThreadSafetyMode.ExecutionAndPublication);

    private async Task<IReadOnlyDictionary<string, byte[]>?> ReadAsync(string ns, string name)
    {
        try
        {
            // Not cancelled by one caller: others may share this read.
            var secret = await cluster.Client.CoreV1.ReadNamespacedSecretAsync(name, ns).ConfigureAwait(false);
            var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var (key, value) in secret.Data ?? new Dictionary<string, byte[]>())
            {
                data[key] = value ?? [];
            }

            return data;
        }
        catch (HttpOperationException ex) when (KubernetesApi.Is(ex, HttpStatusCode.NotFound))
        {
            return null;
        }
        catch (HttpOperationException ex)
        {
            throw new CredentialException($"cannot read secret '{ns}/{name}' from the API server: {KubernetesApi.Describe(ex)}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new CredentialException($"cannot read secret '{ns}/{name}' from the API server: {ex.Message}", ex);
        }
    }
}
