namespace ImageUpdater.WriteBack.Git.Templates;

/// <summary>
/// A Go template that cannot be parsed or executed: the message names the line and column of the construct at fault.
/// </summary>
internal sealed class TemplateException : ImageUpdaterException
{
    /// <summary>Creates an exception with no location.</summary>
    public TemplateException()
        : this("Invalid template.")
    {
    }

    /// <summary>Creates an exception with a message and no location.</summary>
    /// <param name="message">What is wrong.</param>
    public TemplateException(string message)
        : base(message)
    {
        Reason = message;
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public TemplateException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    internal TemplateException(TemplatePosition position, string reason, bool duringExecution)
        : base($"template {(duringExecution ? "execution failed" : "is invalid")} at line {position.Line}, column {position.Column}: {reason}")
    {
        Reason = reason;
        Line = position.Line;
        Column = position.Column;
        DuringExecution = duringExecution;
    }

    /// <summary>Gets what is wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>Gets the 1-based line of the construct at fault, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>Gets the 1-based column (in characters) of the construct at fault, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>Gets a value indicating whether the template parsed and failed while it was being executed.</summary>
    public bool DuringExecution { get; }
}
