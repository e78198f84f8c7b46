using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

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
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ConfigurationException("invalid YAML: " + StripMark(ex), At(file, ex.Start), ex);
        }

        if (stream.Documents.Count == 0)
        {
            return [];
        }

        if (stream.Documents.Count > 1)
        {
            throw new ConfigurationException("expected one YAML document, found " + stream.Documents.Count, At(file, stream.Documents[1].RootNode.Start));
        }

        var root = stream.Documents[0].RootNode;
        if (root is YamlScalarNode rootScalar && YamlScalars.IsNull(rootScalar))
        {
            return [];
        }

        if (root is not YamlMappingNode rootMap)
        {
            throw new ConfigurationException("expected a mapping with the key 'registries'", At(file, root.Start));
        }

        YamlNode? list = null;
        foreach (var (keyNode, value) in rootMap.Children)
        {
            var key = KeyText(keyNode, file, null);
            if (key != RootKey)
            {
                throw new ConfigurationException($"unknown key '{key}' (the only top-level key is 'registries')", At(file, keyNode.Start) with { Key = key });
            }

            list = value;
        }

        if (list is null || (list is YamlScalarNode listScalar && YamlScalars.IsNull(listScalar)))
        {
            return [];
        }

        if (list is not YamlSequenceNode sequence)
        {
            throw new ConfigurationException("expected a list of registries", At(file, list.Start) with { Key = RootKey });
        }

        var endpoints = ImmutableArray.CreateBuilder<RegistryEndpoint>(sequence.Children.Count);
        string? prefixlessName = null;
        RegistryEndpoint? defaultEndpoint = null;
        for (var index = 0; index < sequence.Children.Count; index++)
        {
            var endpoint = ReadEntry(sequence.Children[index], index, file, ref prefixlessName);
            if (endpoint.IsDefault)
            {
                if (defaultEndpoint is not null)
                {
                    var node = (YamlMappingNode)sequence.Children[index];
                    throw new ConfigurationException(
                        $"cannot set registry {endpoint.Prefix} as default - only one default registry allowed, currently set to {defaultEndpoint.Prefix}",
                        At(file, ValueNode(node, "default")!.Start) with { Resource = Resource(index, endpoint.Name), Key = "default" });
                }

                defaultEndpoint = endpoint;
            }

            endpoints.Add(endpoint);
        }

        return endpoints.MoveToImmutable();
    }

    private static RegistryEndpoint ReadEntry(YamlNode node, int index, string? file, ref string? prefixlessName)
    {
        if (node is not YamlMappingNode map)
        {
            throw new ConfigurationException("expected a mapping describing a registry", At(file, node.Start) with { Resource = Resource(index, null) });
        }

        // The name is read first so that every later error can name the entry.
        var nameNode = ValueNode(map, "name");
        var name = nameNode is YamlScalarNode nameScalar && !YamlScalars.IsNull(nameScalar) ? nameScalar.Value ?? string.Empty : string.Empty;
        var entry = new EntryReader(file, index, name.Length > 0 ? name : null);

        var endpoint = new RegistryEndpoint { Name = name, ApiUrl = RegistryEndpointResolver.DockerHub.ApiUrl };
        string apiUrl = string.Empty;
        foreach (var (keyNode, value) in map.Children)
        {
            var key = KeyText(keyNode, file, entry.Resource);
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
                    throw entry.Error($"unknown key '{key}' (known keys: {string.Join(", ", KnownKeys)})", keyNode, key);
            }
        }

        // The reference validates in this order: name, api_url, then the single entry without a prefix.
        if (name.Length == 0)
        {
            throw entry.Error($"registry name is missing for entry registries[{index}]", nameNode ?? map, "name");
        }

        if (apiUrl.Length == 0)
        {
            throw entry.Error($"API URL must be specified for registry {name}", ValueNode(map, "api_url") ?? map, "api_url");
        }

        if (endpoint.Prefix.Length == 0)
        {
            if (prefixlessName is not null)
            {
                throw entry.Error($"there must be only one default registry (already is {prefixlessName}), {name} needs a prefix", ValueNode(map, "prefix") ?? map, "prefix");
            }

            prefixlessName = name;
        }

        // A password written into the URL would reach every error and log line that names the registry, so it is
        // refused without quoting the URL; credentials belong in 'credentials'.
        if (HasUserInfo(apiUrl))
        {
            throw entry.Error($"the API URL of registry {name} must not hold a user name or password; use 'credentials'", ValueNode(map, "api_url")!, "api_url");
        }

        var trimmed = apiUrl.TrimEnd('/');
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw entry.Error($"API URL '{apiUrl}' of registry {name} is not an absolute http or https URL", ValueNode(map, "api_url")!, "api_url");
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

    private static string KeyText(YamlNode keyNode, string? file, string? resource)
    {
        if (keyNode is YamlScalarNode { Value: { } key })
        {
            return key;
        }

        throw new ConfigurationException("expected a plain key", At(file, keyNode.Start) with { Resource = resource });
    }

    private static YamlNode? ValueNode(YamlMappingNode map, string key)
    {
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is YamlScalarNode { Value: { } text } && text == key)
            {
                return value;
            }
        }

        return null;
    }

    private static string Resource(int index, string? name) =>
        name is null ? $"registries[{index}]" : $"registries[{index}] (name: {name})";

    private static ConfigurationLocation At(string? file, Mark mark) =>
        new(File: file, Line: mark.Line, Column: mark.Column);

    // YamlDotNet prefixes its messages with the marks, which the location already shows.
    private static string StripMark(YamlException ex)
    {
        var message = ex.Message;
        var split = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && split > 0 ? message[(split + 3)..] : message;
    }

    private sealed class EntryReader(string? file, int index, string? name)
    {
        public string Resource { get; } = RegistriesConfigurationReader.Resource(index, name);

        public ConfigurationException Error(string reason, YamlNode node, string key) =>
            new(reason, At(file, node.Start) with { Resource = Resource, Key = key });

        public string Text(YamlNode value, string key)
        {
            var scalar = Scalar(value, key, "a text value");
            return YamlScalars.IsNull(scalar) ? string.Empty : scalar.Value ?? string.Empty;
        }

        public bool Boolean(YamlNode value, string key, bool defaultValue)
        {
            var scalar = Scalar(value, key, "true or false");
            if (YamlScalars.IsNull(scalar))
            {
                return defaultValue;
            }

            return YamlScalars.TryBoolean(scalar, out var result)
                ? result
                : throw Error($"'{scalar.Value}' is not a boolean (use true or false)", value, key);
        }

        public TimeSpan? Duration(YamlNode value, string key)
        {
            var scalar = Scalar(value, key, "a duration such as 1h30m");
            if (YamlScalars.IsNull(scalar))
            {
                return null;
            }

            var text = scalar.Value ?? string.Empty;
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

        public TagSortMode SortMode(YamlNode value, string key, string registryName)
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

        public double? Limit(YamlNode value, string key)
        {
            var scalar = Scalar(value, key, "a whole number of requests per second");
            if (YamlScalars.IsNull(scalar))
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

        private YamlScalarNode Scalar(YamlNode value, string key, string expected) =>
            value as YamlScalarNode ?? throw Error($"expected {expected}, found a {(value is YamlSequenceNode ? "list" : "mapping")}", value, key);
    }
}
