using System.Text;

namespace ImageUpdater.Annotations.Files;

/// <summary>Reads one manifest file as strict UTF-8 text, refusing files beyond the size limit before reading them.</summary>
internal static class ManifestFileText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the text, or records an error naming the file and returns <see langword="null"/>.</summary>
    /// <param name="fullPath">The file.</param>
    /// <param name="origin">The name errors use.</param>
    /// <param name="maxCharacters">The longest text accepted.</param>
    /// <param name="errors">Receives the error.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The text, without a byte order mark.</returns>
    public static async Task<string?> ReadAsync(string fullPath, string origin, int maxCharacters, List<ConfigurationException> errors, CancellationToken cancellationToken)
    {
        var location = new ConfigurationLocation(origin);
        var tooLarge = $"The file is longer than the limit of {maxCharacters} characters (ManifestReaderOptions.MaxTextLength); it is not read.";

        // A character takes at most 3 bytes of UTF-8 (a surrogate pair, two characters, takes 4), plus a byte order mark.
        var maxBytes = (3L * maxCharacters) + 3;
        byte[] bytes;
        try
        {
            var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                if (stream.Length > maxBytes)
                {
                    errors.Add(new ConfigurationException(tooLarge, location));
                    return null;
                }

                bytes = new byte[stream.Length];
                await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(new ConfigurationException("Cannot read the file: " + ex.Message, location));
            return null;
        }

        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException ex)
        {
            errors.Add(new ConfigurationException($"The file is not UTF-8 text (invalid byte at offset {start + Math.Max(ex.Index, 0)}); it is not read.", location));
            return null;
        }

        if (text.Length > maxCharacters)
        {
            errors.Add(new ConfigurationException(tooLarge, location));
            return null;
        }

        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            errors.Add(new ConfigurationException($"The file holds a NUL character (at character {nul}), so it is not a text manifest; it is not read.", location));
            return null;
        }

        return text;
    }
}
