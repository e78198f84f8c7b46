namespace ImageUpdater.Annotations;

/// <summary>Go's <c>strconv.ParseBool</c>: exactly <c>1 t T TRUE true True</c> and <c>0 f F FALSE false False</c>.</summary>
internal static class GoBool
{
    /// <summary>Parses a boolean as Go does.</summary>
    /// <param name="text">The text, already trimmed.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when the text is one of the accepted forms.</returns>
    public static bool TryParse(string? text, out bool value)
    {
        switch (text)
        {
            case "1" or "t" or "T" or "TRUE" or "true" or "True":
                value = true;
                return true;
            case "0" or "f" or "F" or "FALSE" or "false" or "False":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
