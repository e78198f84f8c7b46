using System.Collections.Immutable;
using ImageUpdater.Yaml;

namespace ImageUpdater.Registry;

/// <summary>Reads <c>registries.conf</c> YAML into endpoints, validating as the reference's strict unmarshal does.</summary>
internal static class RegistriesConfigurationReader
{
    private const string RootKey = "registries";

    private static readonly string[] KnownKeys =
    [
        "name", "api_url", "prefix", "ping", "credentials", "credsexpire", "tagsortmode",
        "insecure", "ca_file", "ca_data", "defaultns", "limit", "default",
    ];

    public static ImmutableArray<RegistryEndpoint> Read(string yaml, string? file)
    {
        List<(TreeNode? Root, long Line)> documents;
        try
        {
            documents = new YamlTreeReader(TreeReaderOptions.Default).Read(yaml).ToList();
        }
        catch (TreeSyntaxException ex)
        {
            throw new ConfigurationException(ex.IsInvalidSyntax ? "invalid YAML: " + ex.Message : ex.Message, new ConfigurationLocation(File: file, Line: ex.Line, Column: ex.Column), ex);
        }

        if (documents.Count == 0)
        {
            return [];
        }

        if (documents.Count > 1)
        {
            var second = documents[1];
            throw new ConfigurationException("expected one YAML document, found " + documents.Count, new ConfigurationLocation(File: file, Line: second.Root?.Line ?? second.Line, Column: second.Root?.Column));
        }

        var root = documents[0].Root;
        if (root is null)
        {
            return [];
        }

        if (root is not MappingNode rootMap)
        {
            throw new ConfigurationException("expected a mapping with the key 'registries'", At(file, root));
        }

        TreeNode? list = null;
        foreach (var entry in rootMap.Entries)
        {
            if (entry.Key != RootKey)
            {
                throw new ConfigurationException($"unknown key '{entry.Key}' (the only top-level key is 'registries')", At(file, entry.KeyNode) with { Key = entry.Key });
            }

            list = entry.Value;
        }

        if (list is null or ScalarNode { IsNull: true })
        {
            return [];
        }

        if (list is not SequenceNode sequence)
        {
            throw new ConfigurationException("expected a list of registries", At(file, list) with { Key = RootKey });
        }

        var endpoints = ImmutableArray.CreateBuilder<RegistryEndpoint>(sequence.Items.Count);
        string? prefixlessName = null;
        RegistryEndpoint? defaultEndpoint = null;
        for (var index = 0; index < sequence.Items.Count; index++)
        {
            var endpoint = ReadEntry(sequence.Items[index], index, file, ref prefixlessName);
            if (endpoint.IsDefault)
            {
                if (defaultEndpoint is not null)
                {
                    var node = (MappingNode)sequence.Items[index];
                    throw new ConfigurationException(
                        $"cannot set registry {endpoint.Prefix} as default - only one default registry allowed, currently set to {defaultEndpoint.Prefix}",
                        At(file, node["default"]!) with { Resource = Resource(index, endpoint.Name), Key = "default" });
                }

                defaultEndpoint = endpoint;
            }

            endpoints.Add(endpoint);
        }

        return endpoints.MoveToImmutable();
    }

    private static RegistryEndpoint ReadEntry(TreeNode node, int index, string? file, ref string? prefixlessName)
    {
        if (node is not MappingNode map)
        {
            throw new ConfigurationException("expected a mapping describing a registry", At(file, node) with { Resource = Resource(index, null) });
        }

        // The name is read first so that every later error can name the entry.
        var nameNode = map["name"];
        var name = nameNode is ScalarNode { IsNull: false } nameScalar ? nameScalar.Value : string.Empty;
        var entry = new EntryReader(file, index, name.Length > 0 ? name : null);

        var endpoint = new RegistryEndpoint { Name = name, ApiUrl = RegistryEndpointResolver.DockerHub.ApiUrl };
        string apiUrl = string.Empty;
        foreach (var (key, value) in map.Entries)
        {
            switch (key)
            {
                case "name":
                    _ = entry.Text(value, key); // read above; this checks that it is text
                    break;
                case "api_url":
                    apiUrl = entry.Text(value, key);
                    break;
                case "prefix":
                    endpoint = endpoint with { Prefix = entry.Text(value, key) };
                    break;
                case "ping":
                    endpoint = endpoint with { Ping = entry.Boolean(value, key, defaultValue: true) };
                    break;
                case "credentials":
                    endpoint = endpoint with { Credentials = entry.Text(value, key) };
                    break;
                case "credsexpire":
                    endpoint = endpoint with { CredentialsExpiry = entry.Duration(value, key) };
                    break;
                case "tagsortmode":
                    endpoint = endpoint with { TagSortMode = entry.SortMode(value, key, name) };
                    break;
                case "insecure":
                    endpoint = endpoint with { Insecure = entry.Boolean(value, key, defaultValue: false) };
                    break;
                case "ca_file":
                    endpoint = endpoint with { CaFile = entry.Text(value, key) };
                    break;
                case "ca_data":
                    endpoint = endpoint with { CaData = entry.Text(value, key) };
                    break;
                case "defaultns":
                    endpoint = endpoint with { DefaultNamespace = entry.Text(value, key) };
                    break;
                case "limit":
                    endpoint = endpoint with { RequestsPerSecond = entry.Limit(value, key) };
                    break;
                case "default":
                    endpoint = endpoint with { IsDefault = entry.Boolean(value, key, defaultValue: false) };
                    break;
                default:
                    throw entry.Error($"unknown key '{key}' (known keys: {string.Join(", ", KnownKeys)})", map.Find(key)!.Value.KeyNode, key);
            }
        }

        // The reference validates in this order: name, api_url, then the single entry without a prefix.
        if (name.Length == 0)
        {
            throw entry.Error($"registry name is missing for entry registries[{index}]", nameNode ?? map, "name");
        }

        if (apiUrl.Length == 0)
        {
            throw entry.Error($"API URL must be specified for registry {name}", map["api_url"] ?? map, "api_url");
        }

        if (endpoint.Prefix.Length == 0)
        {
            if (prefixlessName is not null)
            {
                throw entry.Error($"there must be only one default registry (already is {prefixlessName}), {name} needs a prefix", map["prefix"] ?? map, "prefix");
            }

            prefixlessName = name;
        }

        // A password written into the URL would reach every error and log line that names the registry, so it is
        // refused without quoting the URL; credentials belong in 'credentials'.
        if (HasUserInfo(apiUrl))
        {
            throw entry.Error($"the API URL of registry {name} must not hold a user name or password; use 'credentials'", map["api_url"]!, "api_url");
        }

        var trimmed = apiUrl.TrimEnd('/');
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw entry.Error($"API URL '{apiUrl}' of registry {name} is not an absolute http or https URL", map["api_url"]!, "api_url");
        }

        return endpoint with { ApiUrl = uri };
    }

    // The authority ends at the first '/', '?' or '#' after the scheme; an '@' before that marks user info.
    private static bool HasUserInfo(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var authority = scheme < 0 ? url : url[(scheme + 3)..];
        var end = authority.IndexOfAny(['/', '?', '#']);
        return (end < 0 ? authority : authority[..end]).Contains('@', StringComparison.Ordinal);
    }

    private static string Resource(int index, string? name) =>
        name is null ? $"registries[{index}]" : $"registries[{index}] (name: {name})";

    private static ConfigurationLocation At(string? file, TreeNode node) =>
        new(File: file, Line: node.Line, Column: node.Column);

    private sealed class EntryReader(string? file, int index, string? name)
    {
        public string Resource { get; } = RegistriesConfigurationReader.Resource(index, name);

        public ConfigurationException Error(string reason, TreeNode node, string key) =>
            new(reason, At(file, node) with { Resource = Resource, Key = key });

        public string Text(TreeNode value, string key)
        {
            var scalar = Scalar(value, key, "a text value");
            return scalar.IsNull ? string.Empty : scalar.Value;
        }

        public bool Boolean(TreeNode value, string key, bool defaultValue)
        {
            var scalar = Scalar(value, key, "true or false");
            if (scalar.IsNull)
            {
                return defaultValue;
            }

            return YamlScalars.TryBoolean(scalar, out var result)
                ? result
                : throw Error($"'{scalar.Value}' is not a boolean (use true or false)", value, key);
        }

        public TimeSpan? Duration(TreeNode value, string key)
        {
            var scalar = Scalar(value, key, "a duration such as 1h30m");
            if (scalar.IsNull)
            {
                return null;
            }

            var text = scalar.Value;
            if (!GoDuration.TryParse(text, out var duration, out var error))
            {
                throw Error($"invalid duration '{text}' ({error}); use Go duration syntax such as 1h30m, 10s or 500ms", value, key);
            }

            if (duration < TimeSpan.Zero)
            {
                throw Error($"duration '{text}' must not be negative", value, key);
            }

            // The reference treats 0 as "never expires".
            return duration == TimeSpan.Zero ? null : duration;
        }

        public TagSortMode SortMode(TreeNode value, string key, string registryName)
        {
            var text = Text(value, key);
            return text.ToLowerInvariant() switch
            {
                "latest-first" => TagSortMode.LatestFirst,
                "latest-last" => TagSortMode.LatestLast,
                "none" or "" => TagSortMode.None,
                _ => throw Error($"unknown tag sort mode for registry {registryName}: {text} (use latest-first, latest-last or none)", value, key),
            };
        }

        public double? Limit(TreeNode value, string key)
        {
            var scalar = Scalar(value, key, "a whole number of requests per second");
            if (scalar.IsNull)
            {
                return null;
            }

            if (!YamlScalars.TryInteger(scalar, out var limit))
            {
                throw Error($"'{scalar.Value}' is not a whole number of requests per second", value, key);
            }

            // The reference turns a limit of 0 or less into "no limit".
            return limit <= 0 ? null : limit;
        }

        private ScalarNode Scalar(TreeNode value, string key, string expected) =>
            value as ScalarNode ?? throw Error($"expected {expected}, found a {(value is SequenceNode ? "list" : "mapping")}", value, key);
    }
}
