namespace ImageUpdater.Registry.Http;

/// <summary>Finds the <c>rel="next"</c> target of RFC 8288 <c>Link</c> headers.</summary>
internal static class LinkHeader
{
    public static Uri? FindNext(IEnumerable<string> values, Uri requestUri)
    {
        foreach (var value in values)
        {
            // A header may carry several links: <a>; rel="x", <b>; rel="next"
            var position = 0;
            while (position < value.Length)
            {
                var open = value.IndexOf('<', position);
                if (open < 0)
                {
                    break;
                }

                var close = value.IndexOf('>', open + 1);
                if (close < 0)
                {
                    break;
                }

                var target = value[(open + 1)..close];
                var next = value.IndexOf('<', close + 1);
                var parameters = next < 0 ? value[(close + 1)..] : value[(close + 1)..next];
                if (HasNextRelation(parameters) && Uri.TryCreate(requestUri, target, out var uri))
                {
                    return uri;
                }

                position = next < 0 ? value.Length : next;
            }
        }

        return null;
    }

    private static bool HasNextRelation(string parameters)
    {
        foreach (var part in parameters.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || !part[..equals].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var relations = part[(equals + 1)..].Trim().Trim('"').TrimEnd(',');
            foreach (var relation in relations.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (relation.Equals("next", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
