using System.Globalization;
using System.Text;

namespace ImageUpdater.Strategies;

/// <summary>Rewrites RE2 syntax into an equivalent .NET pattern, or says which RE2 rule the pattern breaks.</summary>
internal sealed class Re2Translator
{
    private const int MaxRepeat = 1000;

    private readonly string _pattern;
    private readonly StringBuilder _output;
    private readonly List<string?> _names = [null];

    // Per open group: the flags outside it (restored at its ')') and where it starts in the output.
    private readonly Stack<(Flags Outer, int Start)> _groups = new();
    private Flags _flags;

    // .NET text for a standalone (?flags), held back until the next atom so that a repetition after it still
    // applies to the atom before it, as in RE2.
    private string _pendingFlags = string.Empty;

    private Previous _previous = Previous.Nothing;
    private int _atomStart;
    private bool _atomNeedsGroup;
    private int _i;

    private Re2Translator(string pattern)
    {
        _pattern = pattern;
        _output = new StringBuilder(pattern.Length + 16);
    }

    private enum Previous
    {
        Nothing,
        Atom,
        Repetition,
    }

    public static bool TryTranslate(string pattern, out string translated, out IReadOnlyList<string?> groupNames, out string error)
    {
        var translator = new Re2Translator(pattern);
        var ok = translator.TryTranslate(out error);
        translated = ok ? translator._output.ToString() : string.Empty;
        groupNames = translator._names;
        return ok;
    }

    private bool TryTranslate(out string error)
    {
        error = string.Empty;
        while (_i < _pattern.Length)
        {
            var c = _pattern[_i];
            var ok = c switch
            {
                '\\' => TryEscape(out error),
                '[' => TryClass(out error),
                '(' => TryGroupOpen(out error),
                ')' => TryGroupClose(out error),
                '*' or '+' or '?' => TryRepetition(1, out error),
                '{' => TryBrace(out error),
                _ => Other(c),
            };
            if (!ok)
            {
                return false;
            }
        }

        if (_groups.Count > 0)
        {
            error = $"missing closing ) for the group at offset {_groups.Peek().Start}";
            return false;
        }

        return true;
    }

    private bool Other(char c)
    {
        _i++;
        if (c == '|')
        {
            _output.Append('|');
            _previous = Previous.Nothing;
            return true;
        }

        switch (c)
        {
            case '^':
                BeginAtom(needsGroup: true);
                _output.Append('^');
                break;
            case '$':
                // RE2's $ is the end of the text outside multi-line mode; .NET's also matches before a final \n.
                BeginAtom(needsGroup: true);
                _output.Append(_flags.Multiline ? "$" : @"\z");
                break;
            case '.':
                BeginAtom();
                _output.Append('.');
                break;
            default:
                BeginAtom();
                AppendLiteral(c);
                break;
        }

        return true;
    }

    // Called before writing an atom; needsGroup when .NET cannot repeat it bare (an anchor).
    private void BeginAtom(bool needsGroup = false)
    {
        _output.Append(_pendingFlags);
        _pendingFlags = string.Empty;
        _atomStart = _output.Length;
        _atomNeedsGroup = needsGroup;
        _previous = Previous.Atom;
    }

    private bool TryEscape(out string error)
    {
        error = string.Empty;
        var start = _i;
        if (_i + 1 < _pattern.Length)
        {
            var c = _pattern[_i + 1];
            if (c is 'A' or 'z' or 'b' or 'B')
            {
                BeginAtom(needsGroup: true);
                _output.Append('\\').Append(c);
                _i += 2;
                return true;
            }

            if (c == 'Q')
            {
                var end = _pattern.IndexOf(@"\E", _i + 2, StringComparison.Ordinal);
                var literal = end < 0 ? _pattern[(_i + 2)..] : _pattern[(_i + 2)..end];
                _i = end < 0 ? _pattern.Length : end + 2;

                // Each character is an atom: a repetition after \Q..\E applies to the last one only, as in RE2.
                foreach (var ch in literal)
                {
                    BeginAtom();
                    AppendLiteral(ch);
                }

                return true;
            }
        }

        BeginAtom();
        var read = Re2CharClass.ReadClassEscape(_pattern, ref _i, _output, out error);
        if (read != Re2CharClass.Read.NotHere)
        {
            return read == Re2CharClass.Read.Done;
        }

        _i = start;
        if (!Re2CharClass.TryReadEscapedChar(_pattern, ref _i, out var value, out error))
        {
            return false;
        }

        foreach (var ch in char.ConvertFromUtf32(value is >= 0xD800 and <= 0xDFFF ? 0xFFFD : value))
        {
            AppendLiteral(ch);
        }

        return true;
    }

    private bool TryClass(out string error)
    {
        BeginAtom();
        return Re2CharClass.TryReadBracket(_pattern, ref _i, _output, out error);
    }

    private bool TryBrace(out string error)
    {
        var length = RepeatLength(_pattern, _i, out var badCount);
        if (badCount)
        {
            error = $"invalid repeat count '{_pattern.Substring(_i, length)}'";
            return false;
        }

        if (length > 0)
        {
            return TryRepetition(length, out error);
        }

        // Not a repeat: RE2 reads the brace literally.
        error = string.Empty;
        BeginAtom();
        AppendLiteral('{');
        _i++;
        return true;
    }

    private bool TryRepetition(int length, out string error)
    {
        var op = _pattern.Substring(_i, length);
        if (_previous == Previous.Repetition)
        {
            error = $"invalid nested repetition operator '{op}'";
            return false;
        }

        if (_previous == Previous.Nothing)
        {
            error = $"missing argument to repetition operator '{op}'";
            return false;
        }

        if (_atomNeedsGroup)
        {
            _output.Insert(_atomStart, "(?:").Append(')');
        }

        _output.Append(op);
        _i += length;
        var lazy = _i < _pattern.Length && _pattern[_i] == '?';
        if (lazy)
        {
            _i++;
        }

        // The U flag swaps greedy and lazy.
        if (lazy != _flags.Ungreedy)
        {
            _output.Append('?');
        }

        _previous = Previous.Repetition;

        // Repeating it again (after a standalone flag group) needs a group in .NET.
        _atomNeedsGroup = true;
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

    private bool TryGroupClose(out string error)
    {
        if (_groups.Count == 0)
        {
            error = $"unexpected ) at offset {_i}";
            return false;
        }

        // A standalone (?flags) at the end of a group has nothing left to apply to.
        _pendingFlags = string.Empty;
        (_flags, _atomStart) = _groups.Pop();
        _output.Append(')');
        _atomNeedsGroup = false;
        _previous = Previous.Atom;
        _i++;
        error = string.Empty;
        return true;
    }

    private bool TryGroupOpen(out string error)
    {
        error = string.Empty;
        var i = _i;
        if (i + 1 >= _pattern.Length || _pattern[i + 1] != '?')
        {
            OpenGroup("(");
            _names.Add(null);
            _i++;
            return true;
        }

        var rest = _pattern.AsSpan(i + 2);
        if (rest.StartsWith("P<") || (rest.StartsWith("<") && !rest.StartsWith("<=") && !rest.StartsWith("<!")))
        {
            var nameStart = i + 2 + (rest[0] == 'P' ? 2 : 1);
            var nameEnd = _pattern.IndexOf('>', nameStart);
            if (nameEnd < 0)
            {
                error = $"invalid named capture '{_pattern[i..]}'";
                return false;
            }

            var name = _pattern[nameStart..nameEnd];
            if (name.Length == 0 || !name.All(static ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
            {
                error = $"invalid named capture '{_pattern[i..(nameEnd + 1)]}'";
                return false;
            }

            // Unnamed in .NET so that group numbers stay RE2's, and so that a name may repeat, as Go allows; the
            // name is kept beside the expression.
            _names.Add(name);
            OpenGroup("(");
            _i = nameEnd + 1;
            return true;
        }

        return TryFlags(out error);
    }

    private void OpenGroup(string text)
    {
        _output.Append(_pendingFlags);
        _pendingFlags = string.Empty;
        _groups.Push((_flags, _output.Length));
        _output.Append(text);
        _previous = Previous.Nothing;
    }

    // (?flags) or (?flags:re) with i, m, s, U and a single '-'.
    private bool TryFlags(out string error)
    {
        error = string.Empty;
        var i = _i;
        var j = i + 2;
        var flags = _flags;
        var on = new StringBuilder();
        var off = new StringBuilder();
        var negated = false;
        var any = false;
        while (j < _pattern.Length && _pattern[j] is not (')' or ':'))
        {
            var f = _pattern[j];
            if (f == '-' && !negated)
            {
                negated = true;
                any = false;
            }
            else if (f is 'i' or 'm' or 's' or 'U')
            {
                any = true;
                switch (f)
                {
                    case 'm':
                        flags = flags with { Multiline = !negated };
                        break;
                    case 'U':
                        flags = flags with { Ungreedy = !negated };
                        break;
                }

                // U is applied here, by swapping quantifiers; .NET has no such option.
                if (f != 'U')
                {
                    (negated ? off : on).Append(f);
                }
            }
            else
            {
                error = $"invalid or unsupported Perl syntax '{_pattern[i..Math.Min(j + 1, _pattern.Length)]}'";
                return false;
            }

            j++;
        }

        // "(?-)", "(?i-)" and an unterminated "(?i" are invalid; "(?)" and "(?:" are not.
        if (j >= _pattern.Length || (negated && !any))
        {
            error = $"invalid or unsupported Perl syntax '{_pattern[i..Math.Min(j + 1, _pattern.Length)]}'";
            return false;
        }

        var netFlags = on.Length + off.Length == 0 ? string.Empty : off.Length == 0 ? $"{on}" : $"{on}-{off}";
        _i = j + 1;
        if (_pattern[j] == ':')
        {
            OpenGroup(string.Create(CultureInfo.InvariantCulture, $"(?{netFlags}:"));
            _flags = flags;
            return true;
        }

        // Standalone: the flags last to the end of the enclosing group; the previous atom stays repeatable.
        _flags = flags;
        if (netFlags.Length > 0)
        {
            _pendingFlags += $"(?{netFlags})";
        }

        if (_previous == Previous.Repetition)
        {
            _previous = Previous.Atom;
        }

        return true;
    }

    private void AppendLiteral(char c)
    {
        if (char.IsAsciiLetterOrDigit(c) || c == '_')
        {
            _output.Append(c);
        }
        else
        {
            _output.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
    }

    private readonly record struct Flags(bool Multiline, bool Ungreedy);
}
