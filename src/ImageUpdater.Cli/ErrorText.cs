namespace ImageUpdater.Cli;

/// <summary>Turns an exception into the one line the tool prints: messages only, each cause once.</summary>
internal static class ErrorText
{
    /// <summary>
    /// The exception's message followed by those of its inner exceptions that add something (a message already
    /// contained in the text so far is skipped), joined with ": ", on one line.
    /// </summary>
    public static string OneLine(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var text = string.Empty;
        for (var current = failure; current is not null; current = current.InnerException)
        {
            var message = Flatten(current.Message).TrimEnd('.');
            if (message.Length == 0 || text.Contains(message, StringComparison.Ordinal))
            {
                continue;
            }

            text = text.Length == 0 ? message : text + ": " + message;
        }

        return text.Length == 0 ? "failed" : text;
    }

    private static string Flatten(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
