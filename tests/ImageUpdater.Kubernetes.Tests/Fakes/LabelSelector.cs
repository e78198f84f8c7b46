using System.Text.Json.Nodes;

namespace ImageUpdater.Kubernetes.Tests.Fakes;

/// <summary>The label selector syntax of the API server: <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k</c>, <c>!k</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>.</summary>
internal static class LabelSelector
{
    public static Func<JsonObject, bool> Parse(string? text)
    {
        var requirements = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var part in Split(text ?? string.Empty))
        {
            requirements.Add(Requirement(part.Trim()));
        }

        return obj =>
        {
            var labels = (obj["metadata"]?["labels"] as JsonObject)?.ToDictionary(p => p.Key, p => (string?)p.Value ?? string.Empty) ?? [];
            return requirements.All(r => r(labels));
        };
    }

    private static IEnumerable<string> Split(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        if (text.Length > start)
        {
            yield return text[start..];
        }
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> Requirement(string part)
    {
        if (part.Length == 0)
        {
            throw new FormatException("empty requirement");
        }

        foreach (var op in new[] { " notin ", " in " })
        {
            var at = part.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = part[..at].Trim();
                var set = part[(at + op.Length)..].Trim();
                if (!set.StartsWith('(') || !set.EndsWith(')'))
                {
                    throw new FormatException(part);
                }

                var values = set[1..^1].Split(',', StringSplitOptions.TrimEntries).ToHashSet();
                return op == " in "
                    ? labels => labels.TryGetValue(key, out var v) && values.Contains(v)
                    : labels => !labels.TryGetValue(key, out var v) || !values.Contains(v);
            }
        }

        if (part.Contains("!=", StringComparison.Ordinal))
        {
            var (key, value) = Pair(part, "!=");
            return labels => !labels.TryGetValue(key, out var v) || v != value;
        }

        if (part.Contains('='))
        {
            var (key, value) = Pair(part, part.Contains("==", StringComparison.Ordinal) ? "==" : "=");
            return labels => labels.TryGetValue(key, out var v) && v == value;
        }

        if (part.StartsWith('!'))
        {
            var key = part[1..].Trim();
            return labels => !labels.ContainsKey(key);
        }

        return labels => labels.ContainsKey(part);
    }

    private static (string Key, string Value) Pair(string part, string op)
    {
        var at = part.IndexOf(op, StringComparison.Ordinal);
        return (part[..at].Trim(), part[(at + op.Length)..].Trim());
    }
}
