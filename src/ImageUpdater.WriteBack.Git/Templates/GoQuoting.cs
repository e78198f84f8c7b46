using System.Globalization;
using System.Text;

namespace ImageUpdater.WriteBack.Git.Templates;

/// <summary>Go's <c>strconv.Quote</c> family and <c>unicode.IsPrint</c>.</summary>
internal static class GoQuoting
{
    public static string Quote(string value, char quote, bool asciiOnly)
    {
        var text = new StringBuilder().Append(quote);
        foreach (var rune in value.EnumerateRunes())
        {
            var r = rune.Value;
            if (r == quote || r == '\\')
            {
                text.Append('\\').Append(rune.ToString());
                continue;
            }

            if (asciiOnly ? r < 0x80 && IsPrint(r) : IsPrint(r))
            {
                text.Append(rune.ToString());
                continue;
            }

            text.Append(r switch
            {
                '\a' => "\\a",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\v' => "\\v",
                < ' ' or 0x7F => "\\x" + r.ToString("x2", CultureInfo.InvariantCulture),
                < 0x10000 => "\\u" + r.ToString("x4", CultureInfo.InvariantCulture),
                _ => "\\U" + r.ToString("x8", CultureInfo.InvariantCulture),
            });
        }

        return text.Append(quote).ToString();
    }

    /// <summary>Go's strconv.CanBackquote: one line, no control characters other than tab, no backquote.</summary>
    public static bool CanBackquote(string value)
    {
        foreach (var rune in value.EnumerateRunes())
        {
            var r = rune.Value;
            if (r == '`' || r == 0xFEFF || (r < ' ' && r != '\t') || r == 0x7F)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    public static bool IsPrint(int rune)
    {
        if (rune == ' ')
        {
            return true;
        }

        return Rune.GetUnicodeCategory(new Rune(rune)) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }

    public static int RuneCount(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
