using System.Text;

namespace ImageUpdater.Cli.Commands;

/// <summary>
/// Reads a newline-separated tag list from a file, or from standard input for <c>-</c>, as a stream: each distinct
/// tag is held once (a registry lists a tag once; a repeated line adds nothing), lines and the whole input are capped,
/// and every line must be UTF-8 text naming a tag.
/// </summary>
internal static class TagListReader
{
    /// <summary>The longest line read, in bytes; a tag name has at most 128 characters.</summary>
    public const int MaxLineBytes = 4096;

    /// <summary>The most bytes read, as much as a registry's tag list may hold.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<IReadOnlyList<string>> ReadAsync(string source, Stream standardInput, CancellationToken cancellationToken)
    {
        if (source.Length == 0)
        {
            throw new CommandLineException("--tags-from needs a file name, or '-' for standard input.", ExitCodes.InvalidInput);
        }

        if (source == "-")
        {
            return await ReadLinesAsync(standardInput, "--tags-from - (standard input)", cancellationToken).ConfigureAwait(false);
        }

        var stream = OpenFile(source);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadLinesAsync(stream, $"--tags-from '{source}'", cancellationToken).ConfigureAwait(false);
        }
    }

    private static FileStream OpenFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CommandLineException($"--tags-from '{path}' is a directory, not a file of tags.", ExitCodes.InvalidInput);
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CommandLineException($"--tags-from '{path}' does not exist.", ExitCodes.InvalidInput);
        }
        catch (UnauthorizedAccessException)
        {
            throw new CommandLineException($"--tags-from '{path}' cannot be read: permission denied.", ExitCodes.InvalidInput);
        }
        catch (IOException error)
        {
            throw new CommandLineException($"--tags-from '{path}' cannot be read: {error.Message}", ExitCodes.InvalidInput);
        }
    }

    private static async Task<IReadOnlyList<string>> ReadLinesAsync(Stream stream, string name, CancellationToken cancellationToken)
    {
        var tags = new Tags();
        var buffer = new byte[64 * 1024];
        var line = new byte[MaxLineBytes];
        var lineLength = 0;
        var lineNumber = 1;
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > MaxBytes)
            {
                throw Invalid(name, $"is larger than the limit of {MaxBytes} bytes");
            }

            var rest = buffer.AsSpan(0, read);
            while (rest.Length > 0)
            {
                var end = rest.IndexOf((byte)'\n');
                var part = end < 0 ? rest : rest[..end];
                if (part.Contains((byte)0))
                {
                    throw Invalid(name, $"line {lineNumber} has a NUL byte: this is not a text file of tags");
                }

                if (lineLength + part.Length > MaxLineBytes)
                {
                    throw Invalid(name, $"line {lineNumber} is longer than the limit of {MaxLineBytes} bytes");
                }

                part.CopyTo(line.AsSpan(lineLength));
                lineLength += part.Length;
                if (end < 0)
                {
                    break;
                }

                Accept(line.AsSpan(0, lineLength), lineNumber, name, tags);
                lineLength = 0;
                lineNumber++;
                rest = rest[(end + 1)..];
            }
        }

        Accept(line.AsSpan(0, lineLength), lineNumber, name, tags);
        return tags.InOrder;
    }

    private static void Accept(ReadOnlySpan<byte> bytes, int lineNumber, string name, Tags tags)
    {
        if (lineNumber == 1 && bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        // Decoded into the reused buffer: a repeated line allocates nothing.
        ReadOnlySpan<char> text;
        try
        {
            text = tags.Chars.AsSpan(0, StrictUtf8.GetChars(bytes, tags.Chars)).Trim();
        }
        catch (DecoderFallbackException)
        {
            throw Invalid(name, $"line {lineNumber} is not UTF-8 text");
        }

        if (text.IsEmpty)
        {
            return;
        }

        // A repeated line was checked when it first appeared.
        if (tags.Contains(text))
        {
            return;
        }

        // The registry path's rule: a tag list entry that is not a tag name could carry terminal escapes into the
        // output. The line itself is not echoed for the same reason.
        var tag = text.ToString();
        if (!ImageReference.IsValidTag(tag))
        {
            throw Invalid(name, $"line {lineNumber} is not a tag name (up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-')");
        }

        tags.Add(tag);
    }

    private static CommandLineException Invalid(string name, string reason) => new($"{name} {reason}.", ExitCodes.InvalidInput);

    /// <summary>The distinct tags read so far, in the order they first appeared.</summary>
    private sealed class Tags
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public char[] Chars { get; } = new char[MaxLineBytes];

        public List<string> InOrder { get; } = [];

        public bool Contains(ReadOnlySpan<char> tag) => _seen.GetAlternateLookup<ReadOnlySpan<char>>().Contains(tag);

        public void Add(string tag)
        {
            _seen.Add(tag);
            InOrder.Add(tag);
        }
    }
}
