using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ImageUpdater.Strategies;

/// <summary>Rewrites RE2 syntax into an equivalent .NET pattern, or says which RE2 rule the pattern breaks.</summary>
internal static class Re2Translator
{
    private const int MaxRepeat = 1000;
    private const string Digit = "0-9";
    private const string Space = @"\t\n\f\r ";
    private const string Word = "0-9A-Za-z_";

    private static readonly Dictionary<string, string> PosixClasses = new(StringComparer.Ordinal)
    {
        ["alnum"] = "0-9A-Za-z",
        ["alpha"] = "A-Za-z",
        ["ascii"] = @"\x00-\x7F",
        ["blank"] = @"\t ",
        ["cntrl"] = @"\x00-\x1F\x7F",
        ["digit"] = "0-9",
        ["graph"] = @"!-~",
        ["lower"] = "a-z",
        ["print"] = @" -~",
        ["punct"] = @"!-/:-@\[-`{-~",
        ["space"] = @"\t\n\v\f\r ",
        ["upper"] = "A-Z",
        ["word"] = "0-9A-Za-z_",
        ["xdigit"] = "0-9A-Fa-f",
    };

    // Go's unicode.Categories: the general categories RE2 accepts in \p{...}, all known to .NET too.
    private static readonly HashSet<string> UnicodeCategories = new(StringComparer.Ordinal)
    {
        "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl", "No",
        "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs",
    };

    private enum Previous
    {
        Nothing,
        Atom,
        Repetition,
    }

    public static bool TryTranslate(string pattern, out string translated, out IReadOnlyList<string?> groupNames, out string error)
    {
        var output = new StringBuilder(pattern.Length + 16);
        var names = new List<string?> { null };
        var multiline = false;
        var previous = Previous.Nothing;
        translated = string.Empty;
        groupNames = names;
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            switch (c)
            {
                case '\\':
                    if (!TryEscape(pattern, ref i, output, inClass: false, out error))
                    {
                        return false;
                    }

                    previous = Previous.Atom;
                    continue;

                case '[':
                    if (!TryClass(pattern, ref i, output, out error))
                    {
                        return false;
                    }

                    previous = Previous.Atom;
                    continue;

                case '(':
                    if (!TryGroupOpen(pattern, ref i, output, names, ref multiline, out error))
                    {
                        return false;
                    }

                    previous = Previous.Nothing;
                    continue;

                case ')':
                    output.Append(')');
                    previous = Previous.Atom;
                    i++;
                    continue;

                case '|':
                    output.Append('|');
                    previous = Previous.Nothing;
                    i++;
                    continue;

                case '*' or '+' or '?':
                    if (!TryRepetition(pattern, ref i, 1, output, ref previous, out error))
                    {
                        return false;
                    }

                    continue;

                case '{':
                    var length = RepeatLength(pattern, i, out var badCount);
                    if (badCount)
                    {
                        error = $"invalid repeat count '{pattern.Substring(i, length)}'";
                        return false;
                    }

                    if (length > 0)
                    {
                        if (!TryRepetition(pattern, ref i, length, output, ref previous, out error))
                        {
                            return false;
                        }

                        continue;
                    }

                    // Not a repeat: RE2 reads the brace literally.
                    output.Append(@"\{");
                    previous = Previous.Atom;
                    i++;
                    continue;

                case '$':
                    // RE2's $ is the end of the text outside multi-line mode; .NET's also matches before a final \n.
                    output.Append(multiline ? "$" : @"\z");
                    previous = Previous.Atom;
                    i++;
                    continue;

                case '#' or ' ' or '}':
                    output.Append('\\').Append(c);
                    previous = Previous.Atom;
                    i++;
                    continue;

                default:
                    output.Append(c);
                    previous = Previous.Atom;
                    i++;
                    continue;
            }
        }

        translated = output.ToString();
        error = string.Empty;
        return true;
    }

    private static bool TryRepetition(string pattern, ref int i, int length, StringBuilder output, ref Previous previous, out string error)
    {
        var op = pattern.Substring(i, length);
        if (previous == Previous.Repetition)
        {
            error = $"invalid nested repetition operator '{op}'";
            return false;
        }

        if (previous == Previous.Nothing)
        {
            error = $"missing argument to repetition operator '{op}'";
            return false;
        }

        output.Append(op);
        i += length;
        if (i < pattern.Length && pattern[i] == '?')
        {
            output.Append('?');
            i++;
        }

        previous = Previous.Repetition;
        error = string.Empty;
        return true;
    }

    // Length of a valid {n}, {n,} or {n,m} at i; 0 when the brace is literal. badCount when a count exceeds 1000.
    private static int RepeatLength(string pattern, int i, out bool badCount)
    {
        badCount = false;
        var j = i + 1;
        var min = ReadInt(pattern, ref j);
        if (min < 0)
        {
            return 0;
        }

        var max = min;
        if (j < pattern.Length && pattern[j] == ',')
        {
            j++;
            max = j < pattern.Length && pattern[j] == '}' ? -2 : ReadInt(pattern, ref j);
            if (max == -1)
            {
                return 0;
            }
        }

        if (j >= pattern.Length || pattern[j] != '}')
        {
            return 0;
        }

        badCount = min > MaxRepeat || max > MaxRepeat || (max >= 0 && max < min);
        return j - i + 1;
    }

    private static int ReadInt(string pattern, ref int j)
    {
        var start = j;
        long value = 0;
        while (j < pattern.Length && char.IsAsciiDigit(pattern[j]))
        {
            value = Math.Min((value * 10) + (pattern[j] - '0'), int.MaxValue);
            j++;
        }

        return j == start ? -1 : (int)value;
    }

    private static bool TryGroupOpen(string pattern, ref int i, StringBuilder output, List<string?> names, ref bool multiline, out string error)
    {
        error = string.Empty;
        if (i + 1 >= pattern.Length || pattern[i + 1] != '?')
        {
            output.Append('(');
            names.Add(null);
            i++;
            return true;
        }

        var rest = pattern.AsSpan(i + 2);
        if (rest.StartsWith("P<") || (rest.StartsWith("<") && !rest.StartsWith("<=") && !rest.StartsWith("<!")))
        {
            var nameStart = i + 2 + (rest[0] == 'P' ? 2 : 1);
            var nameEnd = pattern.IndexOf('>', nameStart);
            if (nameEnd < 0)
            {
                error = $"invalid named capture '{pattern[i..]}'";
                return false;
            }

            var name = pattern[nameStart..nameEnd];
            if (name.Length == 0 || !name.All(static ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
            {
                error = $"invalid named capture '{pattern[i..(nameEnd + 1)]}'";
                return false;
            }

            if (names.Contains(name))
            {
                error = $"duplicate capture group name '{name}'";
                return false;
            }

            // Unnamed in .NET so that group numbers stay RE2's; the name is kept beside the expression.
            names.Add(name);
            output.Append('(');
            i = nameEnd + 1;
            return true;
        }

        // Flags: (?flags) or (?flags:re) with i, m, s and a single '-'.
        var j = i + 2;
        var flags = new StringBuilder();
        var negated = false;
        while (j < pattern.Length && pattern[j] is not (')' or ':'))
        {
            var f = pattern[j];
            if (f is 'i' or 'm' or 's')
            {
                if (f == 'm')
                {
                    multiline = !negated;
                }

                flags.Append(f);
            }
            else if (f == '-' && !negated)
            {
                negated = true;
                flags.Append(f);
            }
            else if (f == 'U')
            {
                error = $"the ungreedy flag U in '{pattern[i..(j + 1)]}' is not supported";
                return false;
            }
            else
            {
                error = $"invalid or unsupported Perl syntax '{pattern[i..Math.Min(j + 1, pattern.Length)]}'";
                return false;
            }

            j++;
        }

        if (j >= pattern.Length || (flags.Length == 0 && pattern[j] == ')') || flags.ToString().EndsWith('-'))
        {
            error = $"invalid or unsupported Perl syntax '{pattern[i..Math.Min(j + 1, pattern.Length)]}'";
            return false;
        }

        output.Append("(?").Append(flags).Append(pattern[j]);
        i = j + 1;
        return true;
    }

    private static bool TryClass(string pattern, ref int i, StringBuilder output, out string error)
    {
        error = string.Empty;
        var start = i;
        output.Append('[');
        i++;
        if (i < pattern.Length && pattern[i] == '^')
        {
            output.Append('^');
            i++;
        }

        var first = true;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == ']' && !first)
            {
                output.Append(']');
                i++;
                return true;
            }

            first = false;
            if (c == '[' && i + 1 < pattern.Length && pattern[i + 1] == ':')
            {
                var end = pattern.IndexOf(":]", i + 2, StringComparison.Ordinal);
                if (end > 0)
                {
                    var name = pattern[(i + 2)..end];
                    var negated = name.StartsWith('^');
                    if (PosixClasses.TryGetValue(negated ? name[1..] : name, out var ranges))
                    {
                        output.Append(negated ? Complement(ranges) : ranges);
                        i = end + 2;
                        continue;
                    }

                    error = $"invalid character class range '{pattern[i..(end + 2)]}'";
                    return false;
                }
            }

            if (c == '\\')
            {
                if (!TryEscape(pattern, ref i, output, inClass: true, out error))
                {
                    return false;
                }

                continue;
            }

            // '[' is literal in an RE2 class but starts a subtraction in .NET.
            if (c == '[' || c == ']')
            {
                output.Append('\\');
            }

            output.Append(c);
            i++;
        }

        error = $"missing closing ] in '{pattern[start..]}'";
        return false;
    }

    private static bool TryEscape(string pattern, ref int i, StringBuilder output, bool inClass, out string error)
    {
        error = string.Empty;
        if (i + 1 >= pattern.Length)
        {
            error = "trailing backslash at end of expression";
            return false;
        }

        var c = pattern[i + 1];
        i += 2;
        switch (c)
        {
            case 'd':
                output.Append(inClass ? Digit : "[" + Digit + "]");
                return true;
            case 's':
                output.Append(inClass ? Space : "[" + Space + "]");
                return true;
            case 'w':
                output.Append(inClass ? Word : "[" + Word + "]");
                return true;
            case 'D' or 'S' or 'W':
                if (inClass)
                {
                    // A negated class inside a class keeps .NET's (Unicode) meaning; tags are ASCII, where they agree.
                    output.Append('\\').Append(c);
                }
                else
                {
                    output.Append("[^").Append(c switch { 'D' => Digit, 'S' => Space, _ => Word }).Append(']');
                }

                return true;
            case 'A' or 'z' or 'b' or 'B' when !inClass:
                output.Append('\\').Append(c);
                return true;
            case 'a' or 'f' or 't' or 'n' or 'r' or 'v':
                output.Append('\\').Append(c);
                return true;
            case 'p' or 'P':
                return TryUnicodeClass(pattern, ref i, c, inClass, output, out error);
            case 'Q' when !inClass:
                var end = pattern.IndexOf(@"\E", i, StringComparison.Ordinal);
                var literal = end < 0 ? pattern[i..] : pattern[i..end];
                foreach (var ch in literal)
                {
                    AppendLiteral(output, ch);
                }

                i = end < 0 ? pattern.Length : end + 2;
                return true;
            case 'x':
                return TryHex(pattern, ref i, output, out error);
            case >= '0' and <= '7':
                // A single non-zero digit would be a backreference, which RE2 does not have.
                if (c != '0' && (i >= pattern.Length || pattern[i] is < '0' or > '7'))
                {
                    error = $"invalid escape sequence '\\{c}' (backreferences are not supported)";
                    return false;
                }

                var value = c - '0';
                for (var n = 0; n < 2 && i < pattern.Length && pattern[i] is >= '0' and <= '7'; n++, i++)
                {
                    value = (value * 8) + (pattern[i] - '0');
                }

                AppendLiteral(output, (char)value);
                return true;
            default:
                if (c < 0x80 && !char.IsAsciiLetterOrDigit(c))
                {
                    // Escaped ASCII punctuation is always itself.
                    AppendLiteral(output, c);
                    return true;
                }

                error = $"invalid escape sequence '\\{c}'";
                return false;
        }
    }

    private static bool TryUnicodeClass(string pattern, ref int i, char kind, bool inClass, StringBuilder output, out string error)
    {
        error = string.Empty;
        if (i >= pattern.Length)
        {
            error = $"invalid character class range '\\{kind}'";
            return false;
        }

        string name;
        if (pattern[i] == '{')
        {
            var end = pattern.IndexOf('}', i);
            if (end < 0)
            {
                error = $"invalid character class range '{pattern[(i - 2)..]}'";
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
            // .NET has no "Any" class; the negated form matches nothing and so adds nothing to a class.
            output.Append(kind == 'p' ? (inClass ? @"\s\S" : @"[\s\S]") : (inClass ? string.Empty : @"[^\s\S]"));
            return true;
        }

        if (!UnicodeCategories.Contains(name))
        {
            // RE2 also knows the scripts (Greek, Han, ...), which .NET cannot express; .NET's block names (IsGreek)
            // are not RE2. Both are refused rather than given another meaning.
            error = $"unsupported Unicode class '\\{kind}{{{name}}}' (only general categories and Any; RE2's script classes are not available)";
            return false;
        }

        output.Append('\\').Append(kind).Append('{').Append(name).Append('}');
        return true;
    }

    // The negation of an ASCII POSIX class, for [[:^alpha:]]: the ASCII characters outside it and everything above ASCII.
    private static string Complement(string ranges)
    {
        var inside = new Regex("[" + ranges + "]", RegexOptions.CultureInvariant);
        var result = new StringBuilder();
        var c = 0;
        while (c < 128)
        {
            if (inside.IsMatch(((char)c).ToString()))
            {
                c++;
                continue;
            }

            var start = c;
            while (c + 1 < 128 && !inside.IsMatch(((char)(c + 1)).ToString()))
            {
                c++;
            }

            result.Append(CultureInfo.InvariantCulture, $"\\u{start:X4}-\\u{c:X4}");
            c++;
        }

        return result.Append(@"\u0080-\uFFFF").ToString();
    }

    private static bool TryHex(string pattern, ref int i, StringBuilder output, out string error)
    {
        error = string.Empty;
        int value;
        if (i < pattern.Length && pattern[i] == '{')
        {
            var end = pattern.IndexOf('}', i);
            if (end < 0 || end == i + 1 || !int.TryParse(pattern.AsSpan(i + 1, end - i - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) || value > 0x10FFFF)
            {
                error = $"invalid escape sequence '{pattern[(i - 2)..Math.Min(end < 0 ? pattern.Length : end + 1, pattern.Length)]}'";
                return false;
            }

            i = end + 1;
        }
        else if (i + 2 <= pattern.Length && int.TryParse(pattern.AsSpan(i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value))
        {
            i += 2;
        }
        else
        {
            error = $"invalid escape sequence '{pattern[(i - 2)..Math.Min(i + 2, pattern.Length)]}'";
            return false;
        }

        var text = char.ConvertFromUtf32(value >= 0xD800 && value <= 0xDFFF ? 0xFFFD : value);
        foreach (var ch in text)
        {
            AppendLiteral(output, ch);
        }

        return true;
    }

    private static void AppendLiteral(StringBuilder output, char c)
    {
        if (char.IsAsciiLetterOrDigit(c) || c == '_')
        {
            output.Append(c);
        }
        else
        {
            output.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
    }
}
