namespace ImageUpdater.Yaml;

/// <summary>
/// Malformed input or an exceeded limit found by a tree reader; callers turn it into a configuration error naming the
/// file (the reader does not know it).
/// </summary>
internal sealed class TreeSyntaxException(string message, long? line, long? column, bool isInvalidSyntax = false) : Exception(message)
{
    public long? Line { get; } = line;

    public long? Column { get; } = column;

    /// <summary>
    /// Gets a value indicating whether the parser rejected the text itself (the message is the parser's and may quote
    /// the text), as opposed to a limit or a tree rule.
    /// </summary>
    public bool IsInvalidSyntax { get; } = isInvalidSyntax;
}
