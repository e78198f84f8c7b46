using System.Text;

namespace ImageUpdater.WriteBack.Git.Templates;

/// <summary>
/// Go's <c>fmt.Sprint</c>, <c>Sprintln</c> and <c>Sprintf</c> over template values: the same verbs, flags, width and
/// precision, and the same <c>%!verb(type=value)</c>, <c>%!verb(MISSING)</c> and <c>%!(EXTRA ...)</c> forms for misuse.
/// </summary>
internal sealed partial class GoFormatter
{
    private const string LowerDigits = "0123456789abcdefx";
    private const string UpperDigits = "0123456789ABCDEFX";

    private readonly StringBuilder _buffer = new();
    private bool _plus;
    private bool _minus;
    private bool _sharp;
    private bool _space;
    private bool _zero;
    private bool _plusV;
    private bool _sharpV;
    private int _width;
    private int _precision;
    private bool _widthPresent;
    private bool _precisionPresent;

    /// <summary>Go's Sprint: a space between operands when neither side is a string.</summary>
    public static string Sprint(IReadOnlyList<object?> args)
    {
        var formatter = new GoFormatter();
        var previousIsString = false;
        for (var i = 0; i < args.Count; i++)
        {
            var isString = args[i] is string;
            if (i > 0 && !isString && !previousIsString)
            {
                formatter._buffer.Append(' ');
            }

            formatter.PrintArgument(args[i], 'v');
            previousIsString = isString;
        }

        return formatter._buffer.ToString();
    }

    /// <summary>Go's Sprintln: spaces between all operands and a final newline.</summary>
    public static string Sprintln(IReadOnlyList<object?> args)
    {
        var formatter = new GoFormatter();
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0)
            {
                formatter._buffer.Append(' ');
            }

            formatter.PrintArgument(args[i], 'v');
        }

        return formatter._buffer.Append('\n').ToString();
    }

    /// <summary>Go's Sprintf.</summary>
    public static string Sprintf(string format, IReadOnlyList<object?> args) => new GoFormatter().Printf(format, args);

    private string Printf(string format, IReadOnlyList<object?> args)
    {
        var end = format.Length;
        var argNumber = 0;
        var reordered = false;
        for (var i = 0; i < end;)
        {
            var goodArgNumber = true;
            var literalStart = i;
            while (i < end && format[i] != '%')
            {
                i++;
            }

            _buffer.Append(format, literalStart, i - literalStart);
            if (i >= end)
            {
                break;
            }

            i++;
            ClearFlags();
            for (; i < end; i++)
            {
                var flag = format[i];
                if (flag == '#')
                {
                    _sharp = true;
                }
                else if (flag == '0')
                {
                    _zero = !_minus;
                }
                else if (flag == '+')
                {
                    _plus = true;
                }
                else if (flag == '-')
                {
                    _minus = true;
                    _zero = false;
                }
                else if (flag == ' ')
                {
                    _space = true;
                }
                else
                {
                    break;
                }
            }

            var afterIndex = false;
            (argNumber, i, afterIndex) = ArgumentIndex(argNumber, format, i, args.Count, ref goodArgNumber, ref reordered);
            if (i < end && format[i] == '*')
            {
                i++;
                (_width, _widthPresent, argNumber) = IntegerFromArgument(args, argNumber);
                if (!_widthPresent)
                {
                    _buffer.Append("%!(BADWIDTH)");
                }

                if (_width < 0)
                {
                    _width = -_width;
                    _minus = true;
                    _zero = false;
                }

                afterIndex = false;
            }
            else
            {
                (_width, _widthPresent, i) = ParseNumber(format, i, end);
                if (afterIndex && _widthPresent)
                {
                    goodArgNumber = false;
                }
            }

            if (i + 1 < end && format[i] == '.')
            {
                i++;
                if (afterIndex)
                {
                    goodArgNumber = false;
                }

                (argNumber, i, afterIndex) = ArgumentIndex(argNumber, format, i, args.Count, ref goodArgNumber, ref reordered);
                if (i < end && format[i] == '*')
                {
                    i++;
                    (_precision, _precisionPresent, argNumber) = IntegerFromArgument(args, argNumber);
                    if (_precision < 0)
                    {
                        _precision = 0;
                        _precisionPresent = false;
                    }

                    if (!_precisionPresent)
                    {
                        _buffer.Append("%!(BADPREC)");
                    }

                    afterIndex = false;
                }
                else
                {
                    (_precision, _precisionPresent, i) = ParseNumber(format, i, end);
                    if (!_precisionPresent)
                    {
                        _precision = 0;
                        _precisionPresent = true;
                    }
                }
            }

            if (!afterIndex)
            {
                (argNumber, i, _) = ArgumentIndex(argNumber, format, i, args.Count, ref goodArgNumber, ref reordered);
            }

            if (i >= end)
            {
                _buffer.Append("%!(NOVERB)");
                break;
            }

            var verb = char.IsSurrogatePair(format, i) ? char.ConvertToUtf32(format[i], format[i + 1]) : format[i];
            i += verb > 0xFFFF ? 2 : 1;
            if (verb == '%')
            {
                _buffer.Append('%');
            }
            else if (!goodArgNumber)
            {
                AppendBadVerbHead(verb).Append("(BADINDEX)");
            }
            else if (argNumber >= args.Count)
            {
                AppendBadVerbHead(verb).Append("(MISSING)");
            }
            else
            {
                if (verb == 'v')
                {
                    _sharpV = _sharp;
                    _sharp = false;
                    _plusV = _plus;
                    _plus = false;
                }

                PrintArgument(args[argNumber], verb);
                argNumber++;
            }
        }

        if (!reordered && argNumber < args.Count)
        {
            ClearFlags();
            _buffer.Append("%!(EXTRA ");
            for (var i = argNumber; i < args.Count; i++)
            {
                if (i > argNumber)
                {
                    _buffer.Append(", ");
                }

                if (args[i] is null)
                {
                    _buffer.Append("<nil>");
                }
                else
                {
                    _buffer.Append(GoValues.TypeName(args[i])).Append('=');
                    PrintArgument(args[i], 'v');
                }
            }

            _buffer.Append(')');
        }

        return _buffer.ToString();
    }

    private StringBuilder AppendBadVerbHead(int verb) => _buffer.Append("%!").Append(char.ConvertFromUtf32(verb));

    private static (int ArgNumber, int Index, bool Found) ArgumentIndex(
        int argNumber, string format, int i, int argumentCount, ref bool goodArgNumber, ref bool reordered)
    {
        if (i >= format.Length || format[i] != '[')
        {
            return (argNumber, i, false);
        }

        reordered = true;
        var (index, consumed, ok) = ParseArgumentNumber(format, i);
        if (ok && index >= 0 && index < argumentCount)
        {
            return (index, i + consumed, true);
        }

        goodArgNumber = false;
        return (argNumber, i + consumed, ok);
    }

    private static (int Index, int Consumed, bool Ok) ParseArgumentNumber(string format, int start)
    {
        if (format.Length - start < 3)
        {
            return (0, 1, false);
        }

        for (var i = start + 1; i < format.Length; i++)
        {
            if (format[i] == ']')
            {
                var (number, isNumber, next) = ParseNumber(format, start + 1, i);
                return !isNumber || next != i ? (0, i - start + 1, false) : (number - 1, i - start + 1, true);
            }
        }

        return (0, 1, false);
    }

    private static (int Number, bool IsNumber, int Next) ParseNumber(string format, int start, int end)
    {
        if (start >= end)
        {
            return (0, false, end);
        }

        var number = 0;
        var isNumber = false;
        var i = start;
        for (; i < end && char.IsAsciiDigit(format[i]); i++)
        {
            // Go gives up on widths over a million rather than allocate them.
            if (number > 1_000_000)
            {
                return (0, false, end);
            }

            number = (number * 10) + (format[i] - '0');
            isNumber = true;
        }

        return (number, isNumber, i);
    }

    private static (int Value, bool IsInteger, int NextArg) IntegerFromArgument(IReadOnlyList<object?> args, int argNumber)
    {
        if (argNumber >= args.Count)
        {
            return (0, false, argNumber);
        }

        return args[argNumber] is long value && value is >= -1_000_000 and <= 1_000_000
            ? ((int)value, true, argNumber + 1)
            : (0, false, argNumber + 1);
    }

    private void ClearFlags()
    {
        _plus = _minus = _sharp = _space = _zero = _plusV = _sharpV = false;
        _width = _precision = 0;
        _widthPresent = _precisionPresent = false;
    }

    private void PrintArgument(object? argument, int verb)
    {
        if (argument is null)
        {
            if (verb is 'T' or 'v')
            {
                PadString("<nil>");
            }
            else
            {
                BadVerb(verb, argument);
            }

            return;
        }

        if (verb == 'T')
        {
            FormatString(GoValues.TypeName(argument));
            return;
        }

        if (verb == 'p')
        {
            BadVerb(verb, argument);
            return;
        }

        PrintValue(argument, verb, depth: 0);
    }

    private void PrintValue(object? value, int verb, int depth)
    {
        switch (value)
        {
            case null:
                PadString("<nil>");
                break;
            case bool b:
                if (verb is 't' or 'v')
                {
                    PadString(b ? "true" : "false");
                }
                else
                {
                    BadVerb(verb, value);
                }

                break;
            case long l:
                PrintInteger(l, verb);
                break;
            case double d:
                PrintFloat(d, verb);
                break;
            case string s:
                PrintString(s, verb);
                break;
            case GoMap map:
                PrintMap(map, verb, depth);
                break;
            case GoStruct structure:
                PrintStruct(structure, verb, depth);
                break;
            case GoSlice slice:
                PrintSlice(slice, verb, depth);
                break;
            default:
                throw new InvalidOperationException($"Not a template value: {value.GetType()}");
        }
    }

    private void PrintMap(GoMap map, int verb, int depth)
    {
        if (_sharpV)
        {
            _buffer.Append(GoMap.TypeName);
            if (map.IsNil)
            {
                _buffer.Append("(nil)");
                return;
            }

            _buffer.Append('{');
        }
        else
        {
            _buffer.Append("map[");
        }

        var first = true;
        foreach (var entry in map.Sorted)
        {
            if (!first)
            {
                _buffer.Append(_sharpV ? ", " : " ");
            }

            first = false;
            PrintValue(entry.Key, verb, depth + 1);
            _buffer.Append(':');
            PrintValue(entry.Value, verb, depth + 1);
        }

        _buffer.Append(_sharpV ? '}' : ']');
    }

    private void PrintStruct(GoStruct structure, int verb, int depth)
    {
        if (_sharpV)
        {
            _buffer.Append(structure.TypeName);
        }

        _buffer.Append('{');
        for (var i = 0; i < structure.Fields.Count; i++)
        {
            if (i > 0)
            {
                _buffer.Append(_sharpV ? ", " : " ");
            }

            if (_plusV || _sharpV)
            {
                _buffer.Append(structure.Fields[i].Key).Append(':');
            }

            PrintValue(structure.Fields[i].Value, verb, depth + 1);
        }

        _buffer.Append('}');
    }

    private void PrintSlice(GoSlice slice, int verb, int depth)
    {
        if (_sharpV)
        {
            _buffer.Append(slice.TypeName).Append('{');
        }
        else
        {
            _buffer.Append('[');
        }

        for (var i = 0; i < slice.Items.Count; i++)
        {
            if (i > 0)
            {
                _buffer.Append(_sharpV ? ", " : " ");
            }

            PrintValue(slice.Items[i], verb, depth + 1);
        }

        _buffer.Append(_sharpV ? '}' : ']');
    }

    private void BadVerb(int verb, object? value)
    {
        AppendBadVerbHead(verb).Append('(');
        if (value is null)
        {
            _buffer.Append("<nil>");
        }
        else
        {
            _buffer.Append(GoValues.TypeName(value)).Append('=');
            PrintArgument(value, 'v');
        }

        _buffer.Append(')');
    }

    private void PrintString(string value, int verb)
    {
        switch (verb)
        {
            case 'v' when _sharpV:
            case 'q':
                FormatQuoted(value);
                break;
            case 'v' or 's':
                FormatString(value);
                break;
            case 'x':
                FormatHex(value, LowerDigits);
                break;
            case 'X':
                FormatHex(value, UpperDigits);
                break;
            default:
                BadVerb(verb, value);
                break;
        }
    }

    private void FormatString(string value) => PadString(Truncate(value));

    private string Truncate(string value)
    {
        if (!_precisionPresent)
        {
            return value;
        }

        var runes = 0;
        for (var i = 0; i < value.Length; i += char.IsSurrogatePair(value, i) ? 2 : 1)
        {
            if (runes++ == _precision)
            {
                return value[..i];
            }
        }

        return value;
    }

    private void FormatQuoted(string value)
    {
        value = Truncate(value);
        if (_sharp && GoQuoting.CanBackquote(value))
        {
            PadString("`" + value + "`");
            return;
        }

        PadString(GoQuoting.Quote(value, '"', asciiOnly: _plus));
    }

    private void FormatHex(string value, string digits)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var length = _precisionPresent && _precision < bytes.Length ? _precision : bytes.Length;
        var width = 2 * length;
        if (width == 0)
        {
            if (_widthPresent)
            {
                WritePadding(_width);
            }

            return;
        }

        if (_space)
        {
            width = (_sharp ? width * 2 : width) + length - 1;
        }
        else if (_sharp)
        {
            width += 2;
        }

        if (_widthPresent && _width > width && !_minus)
        {
            WritePadding(_width - width);
        }

        if (_sharp)
        {
            _buffer.Append('0').Append(digits[16]);
        }

        for (var i = 0; i < length; i++)
        {
            if (_space && i > 0)
            {
                _buffer.Append(' ');
                if (_sharp)
                {
                    _buffer.Append('0').Append(digits[16]);
                }
            }

            _buffer.Append(digits[bytes[i] >> 4]).Append(digits[bytes[i] & 0xF]);
        }

        if (_widthPresent && _width > width && _minus)
        {
            WritePadding(_width - width);
        }
    }

    private void WritePadding(int count)
    {
        if (count > 0)
        {
            _buffer.Append(_zero ? '0' : ' ', count);
        }
    }

    private void PadString(string value)
    {
        if (!_widthPresent || _width == 0)
        {
            _buffer.Append(value);
            return;
        }

        var padding = _width - GoQuoting.RuneCount(value);
        if (_minus)
        {
            _buffer.Append(value);
            WritePadding(padding);
        }
        else
        {
            WritePadding(padding);
            _buffer.Append(value);
        }
    }
}
