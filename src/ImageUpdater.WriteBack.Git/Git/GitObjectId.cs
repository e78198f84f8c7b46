using System.Security.Cryptography;
using System.Text;

namespace ImageUpdater.WriteBack.Git;

/// <summary>Blob ids computed as git does, so that "did this file change" needs no git process.</summary>
internal static class GitObjectId
{
    /// <summary>The blob id of <paramref name="content"/> in a repository whose ids have <paramref name="hexLength"/> digits (40 SHA-1, 64 SHA-256).</summary>
    public static string ForBlob(byte[] content, int hexLength)
    {
        var header = Encoding.ASCII.GetBytes($"blob {content.Length}\0");
        using var hash = IncrementalHash.CreateHash(hexLength == 64 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA1);
        hash.AppendData(header);
        hash.AppendData(content);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
