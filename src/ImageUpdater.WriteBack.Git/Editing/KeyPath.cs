using System.Globalization;

namespace ImageUpdater.WriteBack.Git.Editing;

/// <summary>Splits a Helm key (<c>a.b[0].c</c>) into names and sequence indexes.</summary>
internal static class KeyPath
{
    /// <exception cref="ConfigurationException">A segment is empty or an index is not a number.</exception>
    public static IReadOnlyList<Segment> Parse(string key)
    {
        var segments = new List<Segment>();
        foreach (var part in key.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? part : part[..bracket];
            if (name.Length > 0)
            {
                segments.Add(new Segment(name, null));
            }
            else if (bracket != 0 || segments.Count == 0)
            {
                throw Invalid(key, "an empty name");
            }

            for (var rest = bracket < 0 ? string.Empty : part[bracket..]; rest.Length > 0;)
            {
                var close = rest.IndexOf(']', StringComparison.Ordinal);
                if (rest[0] != '[' || close < 0 || !int.TryParse(rest.AsSpan(1, close - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    throw Invalid(key, $"'{part}' is not name[index]");
                }

                segments.Add(new Segment(string.Empty, index));
                rest = rest[(close + 1)..];
            }
        }

        return segments;
    }

    private static ConfigurationException Invalid(string key, string reason) =>
        new($"Helm key '{key}' is malformed: {reason}.", new ConfigurationLocation(Key: key));

    /// <summary>A mapping key, or a sequence index when <see cref="Index"/> is set.</summary>
    internal readonly record struct Segment(string Name, int? Index)
    {
        public override string ToString() => Index is { } index ? string.Create(CultureInfo.InvariantCulture, $"[{index}]") : Name;
    }
}
