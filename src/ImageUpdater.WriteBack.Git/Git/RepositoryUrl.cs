using System.Text.RegularExpressions;

namespace ImageUpdater.WriteBack.Git;

/// <summary>Repository URLs as they may be shown: without user info.</summary>
internal static partial class RepositoryUrl
{
    /// <summary>Removes <c>user:password@</c> from every URL in <paramref name="text"/> (git quotes URLs in its messages).</summary>
    public static string Redact(string text) => UserInfo().Replace(text, "${scheme}***@");

    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.-]*://)[^/@\s]+@")]
    private static partial Regex UserInfo();
}
