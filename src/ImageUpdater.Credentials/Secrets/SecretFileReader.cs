using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ImageUpdater.Credentials;

/// <summary>
/// Reads Kubernetes <c>Secret</c> manifests from the <c>.yaml</c> / <c>.yml</c> files of a folder (several documents per
/// file allowed; other kinds are skipped). <c>data</c> values are base64, <c>stringData</c> values plain text and win
/// over <c>data</c>, as in Kubernetes; a missing namespace is <c>default</c>. The folder is read on every call, so
/// rotated files take effect. Errors name the file, line and key, never a value.
/// </summary>
/// <param name="directory">The folder.</param>
public sealed class SecretFileReader(string directory) : ISecretReader
{
    /// <summary>Gets the folder.</summary>
    public string Directory { get; } = directory ?? throw new ArgumentNullException(nameof(directory));

    /// <inheritdoc />
    /// <exception cref="ConfigurationException">A file is not valid YAML or not a valid Secret, or two files define the same secret.</exception>
    public async ValueTask<IReadOnlyDictionary<string, byte[]>?> ReadSecretAsync(string @namespace, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(name);
        if (!System.IO.Directory.Exists(Directory))
        {
            throw new ConfigurationException("the secrets folder does not exist", new ConfigurationLocation(File: Directory));
        }

        var files = System.IO.Directory.EnumerateFiles(Directory)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        IReadOnlyDictionary<string, byte[]>? found = null;
        ConfigurationLocation foundAt = default;
        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
            foreach (var secret in ReadFile(text, file))
            {
                if (secret.Namespace != @namespace || secret.Name != name)
                {
                    continue;
                }

                if (found is not null)
                {
                    throw new ConfigurationException($"secret {@namespace}/{name} is also defined at {foundAt}", secret.Location);
                }

                found = secret.Data;
                foundAt = secret.Location;
            }
        }

        return found;
    }

    private static IEnumerable<SecretDocument> ReadFile(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new ConfigurationException("invalid YAML", At(file, ex.Start), ex);
        }

        foreach (var document in stream.Documents)
        {
            if (document.RootNode is not YamlMappingNode root || Scalar(root, "kind") != "Secret")
            {
                continue;
            }

            yield return ReadSecret(root, file);
        }
    }

    private static SecretDocument ReadSecret(YamlMappingNode root, string file)
    {
        var location = At(file, root.Start);
        var metadata = Child(root, "metadata") as YamlMappingNode
            ?? throw new ConfigurationException("a Secret needs metadata", location with { Key = "metadata" });
        var name = Scalar(metadata, "name") is { Length: > 0 } n
            ? n
            : throw new ConfigurationException("a Secret needs metadata.name", At(file, metadata.Start) with { Key = "metadata.name" });
        var ns = Scalar(metadata, "namespace") is { Length: > 0 } value ? value : "default";
        var resource = $"Secret {ns}/{name}";
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);

        foreach (var (key, node) in Entries(root, "data", file, resource))
        {
            try
            {
                data[key] = Convert.FromBase64String(node.Value ?? string.Empty);
            }
            catch (FormatException)
            {
                throw new ConfigurationException("the value is not valid base64", At(file, node.Start) with { Resource = resource, Key = "data." + key });
            }
        }

        foreach (var (key, node) in Entries(root, "stringData", file, resource))
        {
            data[key] = Encoding.UTF8.GetBytes(node.Value ?? string.Empty);
        }

        return new SecretDocument(ns, name, data, location with { Resource = resource });
    }

    private static IEnumerable<(string Key, YamlScalarNode Value)> Entries(YamlMappingNode root, string section, string file, string resource)
    {
        switch (Child(root, section))
        {
            case null:
            case YamlScalarNode { Value: null or "" or "~" or "null" }:
                yield break;
            case YamlMappingNode map:
                foreach (var (keyNode, valueNode) in map.Children)
                {
                    var key = (keyNode as YamlScalarNode)?.Value
                        ?? throw new ConfigurationException("expected a plain key", At(file, keyNode.Start) with { Resource = resource, Key = section });
                    yield return valueNode is YamlScalarNode scalar
                        ? (key, scalar)
                        : throw new ConfigurationException("expected a text value", At(file, valueNode.Start) with { Resource = resource, Key = section + "." + key });
                }

                break;
            case var other:
                throw new ConfigurationException("expected a mapping", At(file, other.Start) with { Resource = resource, Key = section });
        }
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode map, string key) => (Child(map, key) as YamlScalarNode)?.Value;

    private static ConfigurationLocation At(string file, Mark mark) => new(File: file, Line: mark.Line, Column: mark.Column);

    private sealed record SecretDocument(string Namespace, string Name, IReadOnlyDictionary<string, byte[]> Data, ConfigurationLocation Location);
}
