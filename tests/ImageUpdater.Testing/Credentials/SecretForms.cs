using System.Text;

namespace ImageUpdater.Testing;

/// <summary>
/// Every text form a secret takes on its way to a registry, for leak searches: the secret itself, escaped for a URL,
/// and base64 (standard and URL-safe) as it appears inside any encoded text that contains it, such as a Basic
/// header's or a Docker config <c>auth</c> field's <c>base64(user:secret)</c>.
/// </summary>
public static class SecretForms
{
    /// <summary>Returns the forms of <paramref name="secret"/> (at least 6 characters) to search for.</summary>
    public static IReadOnlyList<string> Of(string secret)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(secret.Length, 6);
        var forms = new List<string> { secret, Uri.EscapeDataString(secret) };
        var bytes = Encoding.UTF8.GetBytes(secret);

        // Base64 encodes 3 bytes as 4 characters, so within a longer text the secret starts at one of three offsets
        // within a group; the groups made only of the secret's bytes are the same whatever surrounds it.
        for (var offset = 0; offset < 3; offset++)
        {
            var encoded = Convert.ToBase64String([.. new byte[offset], .. bytes]);
            var firstGroup = offset == 0 ? 0 : 1;
            var endGroup = (offset + bytes.Length) / 3;
            var core = encoded[(firstGroup * 4)..(endGroup * 4)];
            forms.Add(core);
            forms.Add(core.Replace('+', '-').Replace('/', '_'));
        }

        return [.. forms.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Returns the first form of <paramref name="secret"/> found in <paramref name="text"/>, or <see langword="null"/>.</summary>
    public static string? FindIn(string text, string secret) =>
        Of(secret).FirstOrDefault(form => text.Contains(form, StringComparison.Ordinal));
}
