using System.Text;
using ImageUpdater.Yaml;

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
            foreach (var secret in ReadFile(await ReadTextAsync(file, cancellationToken).ConfigureAwait(false), file))
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

    private static async Task<string> ReadTextAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            return await BoundedFile.ReadAllTextAsync(file, TreeReaderOptions.Default.MaxTextLength, cancellationToken).ConfigureAwait(false);
        }
        catch (TreeSyntaxException ex)
        {
            throw new ConfigurationException(ex.Message, new ConfigurationLocation(File: file), ex);
        }
    }

    private static IEnumerable<SecretDocument> ReadFile(string text, string file)
    {
        var documents = new YamlTreeReader(TreeReaderOptions.Default).Read(text).GetEnumerator();
        using (documents)
        {
            while (true)
            {
                try
                {
                    if (!documents.MoveNext())
                    {
                        yield break;
                    }
                }
                catch (TreeSyntaxException ex)
                {
                    // The parser's own message may quote the text, which may be a secret value; limits and tree rules do not.
                    throw new ConfigurationException(ex.IsInvalidSyntax ? "invalid YAML" : ex.Message, new ConfigurationLocation(File: file, Line: ex.Line, Column: ex.Column));
                }

                if (documents.Current.Root is MappingNode root && Scalar(root, "kind") == "Secret")
                {
                    yield return ReadSecret(root, file);
                }
            }
        }
    }

    private static SecretDocument ReadSecret(MappingNode root, string file)
    {
        var location = At(file, root);
        var metadata = root["metadata"] as MappingNode
            ?? throw new ConfigurationException("a Secret needs metadata", location with { Key = "metadata" });
        var name = Scalar(metadata, "name") is { Length: > 0 } n
            ? n
            : throw new ConfigurationException("a Secret needs metadata.name", At(file, metadata) with { Key = "metadata.name" });
        var ns = Scalar(metadata, "namespace") is { Length: > 0 } value ? value : "default";
        var resource = $"Secret {ns}/{name}";
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);

        foreach (var (key, node) in Entries(root, "data", file, resource))
        {
            try
            {
                data[key] = Convert.FromBase64String(node.Value);
            }
            catch (FormatException)
            {
                throw new ConfigurationException("the value is not valid base64", At(file, node) with { Resource = resource, Key = "data." + key });
            }
        }

        foreach (var (key, node) in Entries(root, "stringData", file, resource))
        {
            data[key] = Encoding.UTF8.GetBytes(node.Value);
        }

        return new SecretDocument(ns, name, data, location with { Resource = resource });
    }

    private static IEnumerable<(string Key, ScalarNode Value)> Entries(MappingNode root, string section, string file, string resource)
    {
        switch (root[section])
        {
            case null or ScalarNode { IsNull: true }:
                yield break;
            case MappingNode map:
                foreach (var (key, valueNode) in map.Entries)
                {
                    yield return valueNode is ScalarNode scalar
                        ? (key, scalar)
                        : throw new ConfigurationException("expected a text value", At(file, valueNode) with { Resource = resource, Key = section + "." + key });
                }

                break;
            case var other:
                throw new ConfigurationException("expected a mapping", At(file, other) with { Resource = resource, Key = section });
        }
    }

    private static string? Scalar(MappingNode map, string key) => (map[key] as ScalarNode)?.Value;

    private static ConfigurationLocation At(string file, TreeNode node) => new(File: file, Line: node.Line, Column: node.Column);

    private sealed record SecretDocument(string Namespace, string Name, IReadOnlyDictionary<string, byte[]> Data, ConfigurationLocation Location);
}
