using System.Globalization;
using System.Text;

namespace ImageUpdater.Strategies;

/// <summary>
/// Reads RE2 character classes (bracket expressions, <c>\d</c>-style escapes, <c>\p{..}</c>, POSIX classes) and
/// single-character escapes the way Go's <c>regexp/syntax</c> does, and writes them as .NET class text whose every
/// range is escaped, so that no RE2 literal can take a .NET meaning (a <c>-</c> next to <c>\w</c>, a <c>[</c>).
/// </summary>
internal static class Re2CharClass
{
    /// <summary>What a reader found at the position it was given.</summary>
    public enum Read
    {
        /// <summary>Not its syntax; nothing consumed.</summary>
        NotHere,

        /// <summary>Read and written.</summary>
        Done,

        /// <summary>Its syntax, but invalid; the error says why.</summary>
        Failed,
    }

    private const int MaxChar = 0xFFFF;

    private static readonly (int Lo, int Hi)[] Digit = [('0', '9')];
    private static readonly (int Lo, int Hi)[] Space = [('\t', '\n'), ('\f', '\r'), (' ', ' ')];
    private static readonly (int Lo, int Hi)[] Word = [('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];

    private static readonly Dictionary<string, (int Lo, int Hi)[]> PosixClasses = new(StringComparer.Ordinal)
    {
        ["alnum"] = [('0', '9'), ('A', 'Z'), ('a', 'z')],
        ["alpha"] = [('A', 'Z'), ('a', 'z')],
        ["ascii"] = [(0, 0x7F)],
        ["blank"] = [('\t', '\t'), (' ', ' ')],
        ["cntrl"] = [(0, 0x1F), (0x7F, 0x7F)],
        ["digit"] = Digit,
        ["graph"] = [('!', '~')],
        ["lower"] = [('a', 'z')],
        ["print"] = [(' ', '~')],
        ["punct"] = [('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
        ["space"] = [('\t', '\r'), (' ', ' ')],
        ["upper"] = [('A', 'Z')],
        ["word"] = Word,
        ["xdigit"] = [('0', '9'), ('A', 'F'), ('a', 'f')],
    };

    // Go's unicode.Categories: the general categories RE2 accepts in \p{...}, all known to .NET too.
    private static readonly HashSet<string> UnicodeCategories = new(StringComparer.Ordinal)
    {
        "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl", "No",
        "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs",
    };

    /// <summary>Reads the bracket expression starting at the <c>[</c> at <paramref name="i"/>.</summary>
    public static bool TryReadBracket(string pattern, ref int i, StringBuilder output, out string error)
    {
        var start = i;
        var parts = new ClassParts();
        i++;
        var negated = i < pattern.Length && pattern[i] == '^';
        if (negated)
        {
            i++;
        }

        // ']' (and '-') are literal when first.
        var first = true;
        while (i >= pattern.Length || pattern[i] != ']' || first)
        {
            if (i >= pattern.Length)
            {
                error = $"missing closing ] in '{pattern[start..]}'";
                return false;
            }

            first = false;

            // A class (\w, [:alpha:], \pL) is a member on its own: a '-' after it is a literal, as in Go.
            var read = ReadPosixClass(pattern, ref i, parts, out error);
            if (read == Read.NotHere)
            {
                read = ReadClassEscape(pattern, ref i, parts, out error);
            }

            if (read == Read.Failed)
            {
                return false;
            }

            if (read == Read.Done)
            {
                continue;
            }

            var rangeStart = i;
            if (!TryReadClassChar(pattern, ref i, out var lo, out error))
            {
                return false;
            }

            var hi = lo;

            // "a-]" is 'a' and '-': a range needs something after the '-' other than ']'.
            if (i + 1 < pattern.Length && pattern[i] == '-' && pattern[i + 1] != ']')
            {
                i++;
                if (!TryReadClassChar(pattern, ref i, out hi, out error))
                {
                    return false;
                }

                if (hi < lo)
                {
                    error = $"invalid character class range '{pattern[rangeStart..i]}'";
                    return false;
                }
            }

            if (!parts.TryAdd(lo, hi, out error))
            {
                return false;
            }
        }

        i++;
        output.Append(parts.ToNetClass(negated));
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// Reads <c>\d \s \w \D \S \W</c> or <c>\p..</c>/<c>\P..</c> at <paramref name="i"/> as a .NET class;
    /// <see cref="Read.NotHere"/> (nothing consumed) for any other text.
    /// </summary>
    public static Read ReadClassEscape(string pattern, ref int i, StringBuilder output, out string error)
    {
        var parts = new ClassParts();
        var read = ReadClassEscape(pattern, ref i, parts, out error);
        if (read == Read.Done)
        {
            output.Append(parts.ToNetClass(negated: false));
        }

        return read;
    }

    /// <summary>Reads a one-character escape (octal, hex, punctuation, control) after the backslash at <paramref name="i"/>.</summary>
    public static bool TryReadEscapedChar(string pattern, ref int i, out int value, out string error)
    {
        value = 0;
        error = string.Empty;
        if (i + 1 >= pattern.Length)
        {
            error = "trailing backslash at end of expression";
            return false;
        }

        var start = i;
        var c = pattern[i + 1];
        i += 2;
        switch (c)
        {
            case 'a':
                value = 7;
                return true;
            case 'f':
                value = '\f';
                return true;
            case 't':
                value = '\t';
                return true;
            case 'n':
                value = '\n';
                return true;
            case 'r':
                value = '\r';
                return true;
            case 'v':
                value = '\v';
                return true;
            case 'x':
                return TryReadHex(pattern, start, ref i, out value, out error);
            case >= '0' and <= '7':
                // A single non-zero digit would be a backreference, which RE2 does not have.
                if (c != '0' && (i >= pattern.Length || pattern[i] is < '0' or > '7'))
                {
                    error = $"invalid escape sequence '\\{c}' (backreferences are not supported)";
                    return false;
                }

                value = c - '0';
                for (var n = 0; n < 2 && i < pattern.Length && pattern[i] is >= '0' and <= '7'; n++, i++)
                {
                    value = (value * 8) + (pattern[i] - '0');
                }

                return true;
            default:
                if (c < 0x80 && !char.IsAsciiLetterOrDigit(c))
                {
                    // Escaped ASCII punctuation is always itself.
                    value = c;
                    return true;
                }

                error = $"invalid escape sequence '\\{c}'";
                return false;
        }
    }

    private static bool TryReadClassChar(string pattern, ref int i, out int value, out string error)
    {
        if (pattern[i] == '\\')
        {
            return TryReadEscapedChar(pattern, ref i, out value, out error);
        }

        value = char.IsSurrogatePair(pattern, i) ? char.ConvertToUtf32(pattern, i) : pattern[i];
        i += value > MaxChar ? 2 : 1;
        error = string.Empty;
        return true;
    }

    // [:alpha:] or [:^alpha:] inside a bracket expression; not found when there is no closing ":]".
    private static Read ReadPosixClass(string pattern, ref int i, ClassParts parts, out string error)
    {
        error = string.Empty;
        if (i + 2 >= pattern.Length || pattern[i] != '[' || pattern[i + 1] != ':')
        {
            return Read.NotHere;
        }

        var end = pattern.IndexOf(":]", i + 2, StringComparison.Ordinal);
        if (end < 0)
        {
            return Read.NotHere;
        }

        var name = pattern[(i + 2)..end];
        var negated = name.StartsWith('^');
        if (!PosixClasses.TryGetValue(negated ? name[1..] : name, out var ranges))
        {
            error = $"invalid character class range '{pattern[i..(end + 2)]}'";
            return Read.Failed;
        }

        parts.Add(negated ? Complement(ranges) : ranges);
        i = end + 2;
        return Read.Done;
    }

    private static Read ReadClassEscape(string pattern, ref int i, ClassParts parts, out string error)
    {
        error = string.Empty;
        if (i + 1 >= pattern.Length || pattern[i] != '\\')
        {
            return Read.NotHere;
        }

        var kind = pattern[i + 1];
        (int Lo, int Hi)[]? ranges = kind switch
        {
            'd' or 'D' => Digit,
            's' or 'S' => Space,
            'w' or 'W' => Word,
            _ => null,
        };
        if (ranges is not null)
        {
            parts.Add(char.IsUpper(kind) ? Complement(ranges) : ranges);
            i += 2;
            return Read.Done;
        }

        if (kind is not ('p' or 'P'))
        {
            return Read.NotHere;
        }

        return TryReadUnicodeClass(pattern, ref i, parts, out error) ? Read.Done : Read.Failed;
    }

    private static bool TryReadUnicodeClass(string pattern, ref int i, ClassParts parts, out string error)
    {
        error = string.Empty;
        var start = i;
        var kind = pattern[i + 1];
        i += 2;
        if (i >= pattern.Length)
        {
            error = $"invalid character class range '{pattern[start..]}'";
            return false;
        }

        string name;
        if (pattern[i] == '{')
        {
            var end = pattern.IndexOf('}', i);
            if (end < 0)
            {
                error = $"invalid character class range '{pattern[start..]}'";
                return false;
            }

            name = pattern[(i + 1)..end];
            i = end + 1;
        }
        else
        {
            name = pattern[i].ToString();
            i++;
        }

        if (name.StartsWith('^'))
        {
            kind = kind == 'p' ? 'P' : 'p';
            name = name[1..];
        }

        if (name == "Any")
        {
            // The negated form matches nothing and so adds nothing to a class.
            if (kind == 'p')
            {
                parts.Add([(0, MaxChar)]);
            }

            return true;
        }

        if (!UnicodeCategories.Contains(name))
        {
            // RE2 also knows the scripts (Greek, Han, ...), which .NET cannot express; .NET's block names (IsGreek)
            // are not RE2. Both are refused rather than given another meaning.
            error = $"unsupported Unicode class '{pattern[start..i]}' (only general categories and Any; RE2's script classes are not available)";
            return false;
        }

        parts.AddCategory($@"\{kind}{{{name}}}");
        return true;
    }

    private static bool TryReadHex(string pattern, int start, ref int i, out int value, out string error)
    {
        error = string.Empty;
        if (i < pattern.Length && pattern[i] == '{')
        {
            var end = pattern.IndexOf('}', i);
            if (end < 0 || end == i + 1 || end - i - 1 > 8
                || !int.TryParse(pattern.AsSpan(i + 1, end - i - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
                || value > 0x10FFFF)
            {
                value = 0;
                error = $"invalid escape sequence '{pattern[start..(end < 0 ? pattern.Length : end + 1)]}'";
                return false;
            }

            i = end + 1;
            return true;
        }

        if (i + 2 <= pattern.Length && char.IsAsciiHexDigit(pattern[i]) && char.IsAsciiHexDigit(pattern[i + 1]))
        {
            value = int.Parse(pattern.AsSpan(i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            i += 2;
            return true;
        }

        value = 0;
        error = $"invalid escape sequence '{pattern[start..Math.Min(i + 2, pattern.Length)]}'";
        return false;
    }

    // The characters outside an ASCII class, up to U+FFFF (.NET classes hold UTF-16 code units).
    private static (int Lo, int Hi)[] Complement((int Lo, int Hi)[] ranges)
    {
        var result = new List<(int Lo, int Hi)>();
        var next = 0;
        foreach (var (lo, hi) in ranges)
        {
            if (lo > next)
            {
                result.Add((next, lo - 1));
            }

            next = hi + 1;
        }

        result.Add((next, MaxChar));
        return [.. result];
    }

    /// <summary>The members of one class: code point ranges and Unicode categories.</summary>
    private sealed class ClassParts
    {
        private readonly List<(int Lo, int Hi)> _ranges = [];
        private readonly StringBuilder _categories = new();

        public void Add((int Lo, int Hi)[] ranges) => _ranges.AddRange(ranges);

        public void AddCategory(string category) => _categories.Append(category);

        public bool TryAdd(int lo, int hi, out string error)
        {
            if (lo > MaxChar)
            {
                // .NET compares UTF-16 code units, so a class cannot hold one character above U+FFFF.
                error = $"character U+{lo:X} above U+FFFF in a character class is not supported";
                return false;
            }

            _ranges.Add((lo, Math.Min(hi, MaxChar)));
            error = string.Empty;
            return true;
        }

        public string ToNetClass(bool negated)
        {
            if (_ranges.Count == 0 && _categories.Length == 0)
            {
                // An empty class matches nothing, and its negation everything; .NET has no "[]".
                return negated ? @"[\s\S]" : @"[^\s\S]";
            }

            var text = new StringBuilder("[");
            if (negated)
            {
                text.Append('^');
            }

            foreach (var (lo, hi) in _ranges)
            {
                AppendClassChar(text, lo);
                if (hi != lo)
                {
                    text.Append('-');
                    AppendClassChar(text, hi);
                }
            }

            return text.Append(_categories).Append(']').ToString();
        }

        private static void AppendClassChar(StringBuilder text, int c)
        {
            if (char.IsAsciiLetterOrDigit((char)c))
            {
                text.Append((char)c);
            }
            else
            {
                text.Append(@"\u").Append(c.ToString("X4", CultureInfo.InvariantCulture));
            }
        }
    }
}
