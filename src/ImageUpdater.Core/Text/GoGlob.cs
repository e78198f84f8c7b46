using System.Text;

namespace ImageUpdater.Text;

/// <summary>
/// Go's <c>path/filepath.Match</c> on a Unix system, exactly: <c>*</c> and <c>?</c> never match <c>/</c>,
/// <c>[...]</c> classes with <c>^</c> negation and <c>lo-hi</c> ranges, and <c>\</c> escapes. A malformed pattern
/// matches nothing, as the reference treats Go's <c>ErrBadPattern</c>.
/// </summary>
/// <remarks>Written by hand: .NET's file globbing has different rules and no served library has Go's.</remarks>
internal static class GoGlob
{
    private const char Separator = '/';

    /// <summary>Whether <paramref name="name"/> matches <paramref name="pattern"/> in full.</summary>
    /// <param name="pattern">The glob.</param>
    /// <param name="name">The text to match.</param>
    /// <returns><see langword="true"/> on a match; <see langword="false"/> on no match or a malformed pattern.</returns>
    public static bool IsMatch(string pattern, string name)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(name);
        return Match(pattern, name) == MatchResult.Match;
    }

    /// <summary>Whether <paramref name="pattern"/> is well formed.</summary>
    /// <param name="pattern">The glob.</param>
    /// <returns><see langword="true"/> when the pattern is valid.</returns>
    public static bool IsValid(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var rest = pattern.AsSpan();
        while (rest.Length > 0)
        {
            ScanChunk(ref rest, out _, out var chunk);
            if (MatchChunk(chunk, ReadOnlySpan<char>.Empty, out _) == ChunkResult.BadPattern)
            {
                return false;
            }
        }

        return true;
    }

    private enum MatchResult
    {
        NoMatch,
        Match,
        BadPattern,
    }

    private enum ChunkResult
    {
        NoMatch,
        Match,
        BadPattern,
    }

    private static MatchResult Match(string patternText, string nameText)
    {
        var pattern = patternText.AsSpan();
        var name = nameText.AsSpan();
        while (pattern.Length > 0)
        {
            ScanChunk(ref pattern, out var star, out var chunk);
            if (star && chunk.IsEmpty)
            {
                // A trailing '*' matches the rest of the name unless it crosses a separator.
                return name.Contains(Separator) ? MatchResult.NoMatch : MatchResult.Match;
            }

            // Look for a match at the current position.
            var result = MatchChunk(chunk, name, out var restLength);
            if (result == ChunkResult.BadPattern)
            {
                return MatchResult.BadPattern;
            }

            // If we're the last chunk, the rest of the name must be consumed; otherwise try later positions.
            if (result == ChunkResult.Match && (restLength == 0 || pattern.Length > 0))
            {
                name = name[^restLength..];
                continue;
            }

            var matched = false;
            if (star)
            {
                for (var i = 0; i < name.Length && name[i] != Separator; i++)
                {
                    result = MatchChunk(chunk, name[(i + 1)..], out restLength);
                    if (result == ChunkResult.BadPattern)
                    {
                        return MatchResult.BadPattern;
                    }

                    if (result == ChunkResult.Match)
                    {
                        if (pattern.Length == 0 && restLength > 0)
                        {
                            continue;
                        }

                        name = name[^restLength..];
                        matched = true;
                        break;
                    }
                }
            }

            if (!matched)
            {
                // Go validates the remainder of the pattern before reporting no match.
                while (pattern.Length > 0)
                {
                    ScanChunk(ref pattern, out _, out chunk);
                    if (MatchChunk(chunk, ReadOnlySpan<char>.Empty, out _) == ChunkResult.BadPattern)
                    {
                        return MatchResult.BadPattern;
                    }
                }

                return MatchResult.NoMatch;
            }
        }

        return name.IsEmpty ? MatchResult.Match : MatchResult.NoMatch;
    }

    // Splits off the next chunk: leading stars, then the text up to the next unescaped star outside a class.
    private static void ScanChunk(ref ReadOnlySpan<char> pattern, out bool star, out ReadOnlySpan<char> chunk)
    {
        star = false;
        while (pattern.Length > 0 && pattern[0] == '*')
        {
            pattern = pattern[1..];
            star = true;
        }

        var inRange = false;
        int i;
        for (i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                // Error checking is done in MatchChunk.
                if (i + 1 < pattern.Length)
                {
                    i++;
                }
            }
            else if (c == '[')
            {
                inRange = true;
            }
            else if (c == ']')
            {
                inRange = false;
            }
            else if (c == '*' && !inRange)
            {
                break;
            }
        }

        chunk = pattern[..i];
        pattern = pattern[i..];
    }

    // Matches chunk against the start of s; keeps parsing after a failure so that a bad pattern is always reported.
    private static ChunkResult MatchChunk(ReadOnlySpan<char> chunk, ReadOnlySpan<char> s, out int restLength)
    {
        restLength = 0;
        var failed = false;
        while (chunk.Length > 0)
        {
            if (!failed && s.IsEmpty)
            {
                failed = true;
            }

            switch (chunk[0])
            {
                case '[':
                {
                    var r = 0;
                    if (!failed)
                    {
                        r = NextRune(ref s);
                    }

                    chunk = chunk[1..];
                    var negated = false;
                    if (chunk.Length > 0 && chunk[0] == '^')
                    {
                        negated = true;
                        chunk = chunk[1..];
                    }

                    var match = false;
                    var ranges = 0;
                    while (true)
                    {
                        if (chunk.Length > 0 && chunk[0] == ']' && ranges > 0)
                        {
                            chunk = chunk[1..];
                            break;
                        }

                        if (!TryGetEscaped(ref chunk, out var lo))
                        {
                            return ChunkResult.BadPattern;
                        }

                        var hi = lo;
                        if (chunk[0] == '-')
                        {
                            chunk = chunk[1..];
                            if (!TryGetEscaped(ref chunk, out hi))
                            {
                                return ChunkResult.BadPattern;
                            }
                        }

                        if (lo <= r && r <= hi)
                        {
                            match = true;
                        }

                        ranges++;
                    }

                    if (match == negated)
                    {
                        failed = true;
                    }

                    break;
                }

                case '?':
                    if (!failed)
                    {
                        if (s[0] == Separator)
                        {
                            failed = true;
                        }

                        NextRune(ref s);
                    }

                    chunk = chunk[1..];
                    break;

                case '\\':
                    chunk = chunk[1..];
                    if (chunk.IsEmpty)
                    {
                        return ChunkResult.BadPattern;
                    }

                    goto default;

                default:
                    if (!failed)
                    {
                        if (chunk[0] != s[0])
                        {
                            failed = true;
                        }

                        s = s[1..];
                    }

                    chunk = chunk[1..];
                    break;
            }
        }

        if (failed)
        {
            return ChunkResult.NoMatch;
        }

        restLength = s.Length;
        return ChunkResult.Match;
    }

    private static bool TryGetEscaped(ref ReadOnlySpan<char> chunk, out int rune)
    {
        rune = 0;
        if (chunk.IsEmpty || chunk[0] == '-' || chunk[0] == ']')
        {
            return false;
        }

        if (chunk[0] == '\\')
        {
            chunk = chunk[1..];
            if (chunk.IsEmpty)
            {
                return false;
            }
        }

        rune = NextRune(ref chunk);
        return !chunk.IsEmpty;
    }

    private static int NextRune(ref ReadOnlySpan<char> text)
    {
        if (Rune.DecodeFromUtf16(text, out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
        {
            consumed = 1;
            rune = Rune.ReplacementChar;
        }

        text = text[consumed..];
        return rune.Value;
    }
}
