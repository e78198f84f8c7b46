namespace ImageUpdater.Registry.Auth;

/// <summary>A <c>WWW-Authenticate</c> challenge: <c>Basic realm="x"</c> or <c>Bearer realm="u",service="s"</c>.</summary>
/// <param name="Scheme">The scheme, <c>Basic</c> or <c>Bearer</c> (case kept as sent).</param>
/// <param name="Realm">The realm; for Bearer, the token endpoint URL.</param>
/// <param name="Service">The Bearer <c>service</c> parameter; empty when absent.</param>
internal sealed record AuthChallenge(string Scheme, string Realm, string Service)
{
    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the first Basic or Bearer challenge of the headers; <see langword="null"/> when there is none.</summary>
    public static AuthChallenge? Parse(IEnumerable<string> headerValues)
    {
        foreach (var value in headerValues)
        {
            var text = value.Trim();
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            var scheme = space < 0 ? text : text[..space];
            if (!scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var parameters = space < 0 ? new Dictionary<string, string>() : ParseParameters(text[(space + 1)..]);
            return new AuthChallenge(
                scheme,
                parameters.GetValueOrDefault("realm", string.Empty),
                parameters.GetValueOrDefault("service", string.Empty));
        }

        return null;
    }

    // auth-params: name=token or name="quoted \" string", separated by commas.
    private static Dictionary<string, string> ParseParameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            var nameStart = i;
            while (i < text.Length && text[i] != '=' && text[i] != ',')
            {
                i++;
            }

            var name = text[nameStart..i].Trim();
            if (i >= text.Length || text[i] != '=')
            {
                continue;
            }

            i++; // '='
            var value = new System.Text.StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    value.Append(text[i]);
                    i++;
                }

                i++; // closing quote
            }
            else
            {
                while (i < text.Length && text[i] != ',')
                {
                    value.Append(text[i]);
                    i++;
                }
            }

            if (name.Length > 0)
            {
                result[name] = value.ToString().Trim();
            }
        }

        return result;
    }
}
