using System.Text;

namespace ImageUpdater.Policies;

/// <summary>Go's <c>path/filepath.Join</c> and <c>Clean</c> on a Unix system, used to resolve write-back paths as the reference does.</summary>
internal static class GoPath
{
    public static string Join(params string[] parts)
    {
        var joined = string.Join('/', parts.Where(static p => p.Length > 0));
        return joined.Length == 0 ? string.Empty : Clean(joined);
    }

    public static string Clean(string path)
    {
        if (path.Length == 0)
        {
            return ".";
        }

        var rooted = path[0] == '/';
        var kept = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (kept.Count > 0 && kept[^1] != "..")
                {
                    kept.RemoveAt(kept.Count - 1);
                }
                else if (!rooted)
                {
                    kept.Add(part);
                }

                continue;
            }

            kept.Add(part);
        }

        var text = new StringBuilder();
        if (rooted)
        {
            text.Append('/');
        }

        text.AppendJoin('/', kept);
        return text.Length == 0 ? "." : text.ToString();
    }
}
