using System.Net.Http.Headers;
using System.Reflection;

namespace ImageUpdater.Registry.Http;

/// <summary>The <c>User-Agent</c> of every registry request: the embedding program's tokens, then ours.</summary>
internal static class RegistryUserAgent
{
    /// <summary>Gets ImageUpdater's own product token, <c>ImageUpdater/&lt;informational version&gt;</c>.</summary>
    public static string Product { get; } = "ImageUpdater/" + Version();

    /// <summary>Builds the header value once, so each request adds one ready string.</summary>
    /// <param name="prefix">The embedding program's product tokens, or null.</param>
    /// <returns>The header value.</returns>
    public static string Compose(string? prefix) =>
        string.IsNullOrWhiteSpace(prefix) ? Product : prefix.Trim() + " " + Product;

    /// <summary>Whether a prefix is valid header syntax: products and comments in visible ASCII, no line breaks.</summary>
    /// <param name="prefix">The prefix.</param>
    /// <returns><see langword="true"/> when it can be sent.</returns>
    public static bool IsValidPrefix(string prefix)
    {
        if (string.IsNullOrWhiteSpace(prefix) || prefix.AsSpan().ContainsAnyExceptInRange((char)0x20, (char)0x7E))
        {
            return false;
        }

        using var probe = new HttpRequestMessage();
        return probe.Headers.UserAgent.TryParseAdd(prefix);
    }

    // The informational version carries the prerelease label (and the commit when the build adds one); the assembly
    // version alone would say 1.0.0.0 for every preview.
    private static string Version()
    {
        var assembly = typeof(RegistryUserAgent).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        return ProductInfoHeaderValue.TryParse("x/" + version, out _) ? version : "0.0.0";
    }
}
