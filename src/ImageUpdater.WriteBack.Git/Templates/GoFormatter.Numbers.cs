using System.Globalization;
using System.Text;

namespace ImageUpdater.WriteBack.Git.Templates;

/// <summary>Go's fmt for integers and floats.</summary>
internal sealed partial class GoFormatter
{
    private void PrintInteger(long value, int verb)
    {
        switch (verb)
        {
            case 'v' or 'd':
                FormatInteger(value, 10, verb, LowerDigits);
                break;
            case 'b':
                FormatInteger(value, 2, verb, LowerDigits);
                break;
            case 'o' or 'O':
                FormatInteger(value, 8, verb, LowerDigits);
                break;
            case 'x':
                FormatInteger(value, 16, verb, LowerDigits);
                break;
            case 'X':
                FormatInteger(value, 16, verb, UpperDigits);
                break;
            case 'c':
                PadString(char.ConvertFromUtf32(ValidRune(value)));
                break;
            case 'q':
                PadString(GoQuoting.Quote(char.ConvertFromUtf32(ValidRune(value)), '\'', asciiOnly: _plus));
                break;
            case 'U':
                FormatUnicode(value);
                break;
            default:
                BadVerb(verb, value);
                break;
        }
    }

    private static int ValidRune(long value) =>
        value is < 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF) ? 0xFFFD : (int)value;

    private void FormatUnicode(long value)
    {
        var text = "U+" + ((ulong)value).ToString(_precisionPresent && _precision > 4 ? "X" + _precision.ToString(CultureInfo.InvariantCulture) : "X4", CultureInfo.InvariantCulture);
        if (_sharp && value is >= 0 and <= 0x10FFFF && GoQuoting.IsPrint(ValidRune(value)))
        {
            text += " '" + char.ConvertFromUtf32(ValidRune(value)) + "'";
        }

        var zero = _zero;
        _zero = false;
        PadString(text);
        _zero = zero;
    }

    // Go's fmt.fmtInteger: precision or zero-padding to width, then the base prefix and sign.
    private void FormatInteger(long value, int numberBase, int verb, string digits)
    {
        var negative = value < 0;
        var magnitude = negative ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        var precision = 0;
        if (_precisionPresent)
        {
            precision = _precision;
            if (precision == 0 && magnitude == 0)
            {
                var zero = _zero;
                _zero = false;
                WritePadding(_width);
                _zero = zero;
                return;
            }
        }
        else if (_zero && _widthPresent)
        {
            precision = _width;
            if (negative || _plus || _space)
            {
                precision--;
            }
        }

        var text = new StringBuilder();
        do
        {
            text.Insert(0, digits[(int)(magnitude % (ulong)numberBase)]);
            magnitude /= (ulong)numberBase;
        }
        while (magnitude > 0);

        if (text.Length < precision)
        {
            text.Insert(0, "0", precision - text.Length);
        }

        if (_sharp)
        {
            switch (numberBase)
            {
                case 2:
                    text.Insert(0, "0b");
                    break;
                case 8 when text[0] != '0':
                    text.Insert(0, '0');
                    break;
                case 16:
                    text.Insert(0, "0" + digits[16]);
                    break;
            }
        }

        if (verb == 'O')
        {
            text.Insert(0, "0o");
        }

        if (negative)
        {
            text.Insert(0, '-');
        }
        else if (_plus)
        {
            text.Insert(0, '+');
        }
        else if (_space)
        {
            text.Insert(0, ' ');
        }

        var oldZero = _zero;
        _zero = false;
        PadString(text.ToString());
        _zero = oldZero;
    }

    private void PrintFloat(double value, int verb)
    {
        switch (verb)
        {
            case 'v':
                FormatFloat(value, 'g', -1);
                break;
            case 'g' or 'G':
                FormatFloat(value, verb, -1);
                break;
            case 'f' or 'F' or 'e' or 'E':
                FormatFloat(value, verb, 6);
                break;
            default:
                BadVerb(verb, value);
                break;
        }
    }

    // Go's fmt.fmtFloat without the '#' flag: strconv's formatting, then the sign and padding rules.
    private void FormatFloat(double value, int verb, int precision)
    {
        if (_precisionPresent)
        {
            precision = _precision;
        }

        var number = GoFloat.Format(value, (char)verb, precision);
        number = number[0] is '-' or '+' ? number : "+" + number;
        if (_space && number[0] == '+' && !_plus)
        {
            number = " " + number[1..];
        }

        if (number[1] is 'I' or 'N')
        {
            var zero = _zero;
            _zero = false;
            PadString(number[1] == 'N' && !_space && !_plus ? number[1..] : number);
            _zero = zero;
            return;
        }

        if (_plus || number[0] != '+')
        {
            if (_zero && _widthPresent && _width > number.Length)
            {
                _buffer.Append(number[0]);
                WritePadding(_width - number.Length);
                _buffer.Append(number, 1, number.Length - 1);
                return;
            }

            PadString(number);
            return;
        }

        PadString(number[1..]);
    }
}
