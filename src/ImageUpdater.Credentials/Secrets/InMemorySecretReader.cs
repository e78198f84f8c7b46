using System.Collections.Concurrent;

namespace ImageUpdater.Credentials;

/// <summary>Secrets held in memory: for tests, and for hosts that get secrets from elsewhere. Thread-safe.</summary>
public sealed class InMemorySecretReader : ISecretReader
{
    private readonly ConcurrentDictionary<(string Namespace, string Name), IReadOnlyDictionary<string, byte[]>> _secrets = new();

    /// <summary>Adds or replaces a secret.</summary>
    /// <param name="namespace">The namespace.</param>
    /// <param name="name">The name.</param>
    /// <param name="data">The data by key; copied.</param>
    /// <returns>This reader.</returns>
    public InMemorySecretReader Set(string @namespace, string name, IReadOnlyDictionary<string, byte[]> data)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(data);
        _secrets[(@namespace, name)] = data.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
        return this;
    }

    /// <summary>Adds or replaces a secret whose values are UTF-8 text.</summary>
    /// <param name="namespace">The namespace.</param>
    /// <param name="name">The name.</param>
    /// <param name="data">The text data by key.</param>
    /// <returns>This reader.</returns>
    public InMemorySecretReader Set(string @namespace, string name, IReadOnlyDictionary<string, string> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Set(@namespace, name, data.ToDictionary(pair => pair.Key, pair => System.Text.Encoding.UTF8.GetBytes(pair.Value), StringComparer.Ordinal));
    }

    /// <summary>Removes a secret.</summary>
    /// <param name="namespace">The namespace.</param>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when it existed.</returns>
    public bool Remove(string @namespace, string name) => _secrets.TryRemove((@namespace, name), out _);

    /// <inheritdoc />
    public ValueTask<IReadOnlyDictionary<string, byte[]>?> ReadSecretAsync(string @namespace, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(name);
        return ValueTask.FromResult(_secrets.TryGetValue((@namespace, name), out var data) ? data : null);
    }
}
