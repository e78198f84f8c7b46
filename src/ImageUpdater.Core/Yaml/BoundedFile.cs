using System.Text;

namespace ImageUpdater.Yaml;

/// <summary>
/// Reads a text file only up to a length, so that a huge file (or an endless one such as <c>/dev/zero</c>, whose size
/// says nothing) is refused instead of filling memory. A byte order mark picks the encoding and is dropped.
/// </summary>
internal static class BoundedFile
{
    private const int ChunkLength = 64 * 1024;

    /// <exception cref="TreeSyntaxException">The file holds more than <paramref name="maxLength"/> characters.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static string ReadAllText(string path, int maxLength)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var text = new StringBuilder();
        var chunk = new char[ChunkLength];
        int read;
        while ((read = reader.Read(chunk, 0, chunk.Length)) > 0)
        {
            Append(text, chunk, read, maxLength);
        }

        return text.ToString();
    }

    /// <inheritdoc cref="ReadAllText"/>
    public static async Task<string> ReadAllTextAsync(string path, int maxLength, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var text = new StringBuilder();
        var chunk = new char[ChunkLength];
        int read;
        while ((read = await reader.ReadAsync(chunk.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            Append(text, chunk, read, maxLength);
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, char[] chunk, int read, int maxLength)
    {
        if (text.Length + read > maxLength)
        {
            throw new TreeSyntaxException($"The file is longer than the limit of {maxLength} characters.", null, null);
        }

        text.Append(chunk, 0, read);
    }
}
