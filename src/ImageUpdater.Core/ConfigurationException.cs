using System.Text;

namespace ImageUpdater;

/// <summary>
/// Invalid configuration: the message names where the problem is (file, line, object, key) so a user can fix it.
/// </summary>
public sealed class ConfigurationException : ImageUpdaterException
{
    /// <summary>Creates an exception with no message.</summary>
    public ConfigurationException()
        : this("Invalid configuration.")
    {
    }

    /// <summary>Creates an exception with a message and no location.</summary>
    /// <param name="message">What is wrong.</param>
    public ConfigurationException(string message)
        : this(message, location: default)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ConfigurationException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>Creates an exception for a problem at a known location.</summary>
    /// <param name="reason">What is wrong, without the location.</param>
    /// <param name="location">Where it is.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ConfigurationException(string reason, ConfigurationLocation location, Exception? innerException = null)
        : base(Format(reason, location), innerException)
    {
        Reason = reason;
        Location = location;
    }

    /// <summary>Gets what is wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>Gets where the problem is.</summary>
    public ConfigurationLocation Location { get; }

    private static string Format(string reason, ConfigurationLocation location)
    {
        var where = location.ToString();
        return where.Length == 0 ? reason : where + ": " + reason;
    }
}

/// <summary>Where a configuration value was read from. Every part is optional.</summary>
/// <param name="File">The file path, or a name such as <c>annotations</c>.</param>
/// <param name="Line">The 1-based line, when known.</param>
/// <param name="Column">The 1-based column, when known.</param>
/// <param name="Resource">The object, such as <c>Application argocd/guestbook</c> or <c>registries[2] (name: ghcr)</c>.</param>
/// <param name="Key">The key or field, such as <c>argocd-image-updater.argoproj.io/image-list</c>.</param>
public readonly record struct ConfigurationLocation(
    string? File = null,
    long? Line = null,
    long? Column = null,
    string? Resource = null,
    string? Key = null)
{
    /// <summary>Renders the location as <c>file:line:column: object: key</c>, omitting missing parts.</summary>
    /// <returns>The location text, empty when nothing is known.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (!string.IsNullOrEmpty(File))
        {
            text.Append(File);
            if (Line is { } line)
            {
                text.Append(':').Append(line);
                if (Column is { } column)
                {
                    text.Append(':').Append(column);
                }
            }
        }
        else if (Line is { } line)
        {
            text.Append("line ").Append(line);
        }

        Append(text, Resource);
        Append(text, Key is null ? null : "key '" + Key + "'");
        return text.ToString();

        static void Append(StringBuilder text, string? part)
        {
            if (string.IsNullOrEmpty(part))
            {
                return;
            }

            if (text.Length > 0)
            {
                text.Append(": ");
            }

            text.Append(part);
        }
    }
}
