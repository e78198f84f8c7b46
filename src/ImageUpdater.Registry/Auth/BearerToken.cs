using System.Globalization;
using System.Text.Json;

namespace ImageUpdater.Registry.Auth;

/// <summary>A bearer token and when it stops being used. Its text form never shows the token.</summary>
internal sealed class BearerToken(string value, DateTimeOffset expiresAt)
{
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(365);

    public string Value { get; } = value;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>Reads a token endpoint's answer: <c>token</c> or <c>access_token</c>, <c>expires_in</c>, <c>issued_at</c>.</summary>
    public static BearerToken Parse(ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan defaultLifetime)
    {
        using var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The token endpoint's answer is not a JSON object.");
        }

        var token = Text(root, "token");
        if (token.Length == 0)
        {
            token = Text(root, "access_token");
        }

        if (token.Length == 0)
        {
            throw new FormatException("The token endpoint's answer has no 'token' or 'access_token'.");
        }

        // A huge expires_in is capped so the date arithmetic below cannot overflow; a 401 still renews the token.
        var lifetime = root.TryGetProperty("expires_in", out var expires) && expires.ValueKind == JsonValueKind.Number && expires.TryGetInt64(out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(Math.Min(seconds, (long)MaxLifetime.TotalSeconds))
            : defaultLifetime;
        var issued = now;
        if (Text(root, "issued_at") is { Length: > 0 } issuedText
            && DateTimeOffset.TryParse(issuedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var issuedAt)
            && issuedAt < now)
        {
            issued = issuedAt;
        }

        // Renew a little early so a token does not expire between being picked and being checked.
        var margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(10).Ticks, lifetime.Ticks / 10));
        return new BearerToken(token, issued + lifetime - margin);
    }

    public override string ToString() => $"BearerToken(expires: {ExpiresAt:O})";

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;
}
