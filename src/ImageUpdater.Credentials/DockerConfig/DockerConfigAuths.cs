using System.Text;
using System.Text.Json;

namespace ImageUpdater.Credentials;

/// <summary>
/// Finds a registry's credential in a Docker config (<c>{"auths": {...}}</c>), as the reference does for pull secrets,
/// but deterministically: an entry whose key equals the API URL wins, then one equal to its host (without scheme), then
/// one under it (such as <c>https://host/v2/</c>), each group in ordinal key order.
/// </summary>
internal static class DockerConfigAuths
{
    /// <summary>The longest config accepted, in characters; real ones hold a few entries.</summary>
    public const int MaxLength = 4 * 1024 * 1024;

    // A config nests auths > registry > field; anything much deeper is not a Docker config.
    private static readonly JsonDocumentOptions Limits = new() { MaxDepth = 16 };

    /// <summary>Reads the credential for a registry.</summary>
    /// <param name="json">The config's JSON.</param>
    /// <param name="registryApiUrl">The registry's API URL.</param>
    /// <param name="where">Names the config in messages, such as <c>image pull secret</c>.</param>
    /// <returns>The credential.</returns>
    public static RegistryCredential Find(ReadOnlySpan<byte> json, string registryApiUrl, string where)
    {
        if (json.Length > MaxLength)
        {
            throw new CredentialException($"{where} is {json.Length} bytes long, more than the limit of {MaxLength}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), Limits);
        }
        catch (JsonException ex)
        {
            // The exception text can quote the document; only the position is safe to show.
            throw new CredentialException($"invalid JSON in {where} (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1})");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("auths", out var auths)
                || auths.ValueKind != JsonValueKind.Object)
            {
                throw new CredentialUnavailableException($"no credentials in {where}");
            }

            var wanted = registryApiUrl.TrimEnd('/');
            var host = WithoutScheme(wanted);
            var best = auths.EnumerateObject()
                .Select(entry => (Entry: entry, Rank: Rank(entry.Name, wanted, host)))
                .Where(candidate => candidate.Rank >= 0)
                .OrderBy(candidate => candidate.Rank)
                .ThenBy(candidate => candidate.Entry.Name, StringComparer.Ordinal)
                .Select(candidate => (JsonProperty?)candidate.Entry)
                .FirstOrDefault();
            if (best is not { } match)
            {
                throw new CredentialUnavailableException($"no valid auth entry for registry {registryApiUrl} found in {where}");
            }

            return Read(match);
        }
    }

    private static RegistryCredential Read(JsonProperty entry)
    {
        var registry = entry.Name;
        if (entry.Value.ValueKind != JsonValueKind.Object)
        {
            throw new CredentialException($"invalid auth entry for registry entry {registry} ('auths' entry should be map)");
        }

        if (entry.Value.TryGetProperty("auth", out var auth) && auth.ValueKind == JsonValueKind.String && auth.GetString() is { Length: > 0 } encoded)
        {
            byte[] decoded;
            try
            {
                decoded = Convert.FromBase64String(encoded);
            }
            catch (FormatException)
            {
                throw new CredentialException($"could not base64-decode auth data for registry entry {registry}");
            }

            var text = Encoding.UTF8.GetString(decoded);
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0
                ? new RegistryCredential(text[..colon], text[(colon + 1)..])
                : throw new CredentialException($"invalid data after base64 decoding auth entry for registry entry {registry}");
        }

        // Docker also writes plain username/password fields; the reference reads only "auth".
        if (entry.Value.TryGetProperty("username", out var username) && username.ValueKind == JsonValueKind.String
            && entry.Value.TryGetProperty("password", out var password) && password.ValueKind == JsonValueKind.String)
        {
            return new RegistryCredential(username.GetString()!, password.GetString()!);
        }

        throw new CredentialException($"invalid auth token for registry entry {registry} ('auth' should be string')");
    }

    // -1: no match; 0: the API URL as written; 1: its host; 2: a path under it.
    private static int Rank(string key, string wanted, string host)
    {
        var trimmed = key.TrimEnd('/');
        if (string.Equals(trimmed, wanted, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        var keyHost = WithoutScheme(trimmed);
        if (string.Equals(keyHost, host, StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        return keyHost.StartsWith(host + "/", StringComparison.OrdinalIgnoreCase) ? 2 : -1;
    }

    private static string WithoutScheme(string url)
    {
        foreach (var scheme in (ReadOnlySpan<string>)["https://", "http://"])
        {
            if (url.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return url[scheme.Length..];
            }
        }

        return url;
    }
}
