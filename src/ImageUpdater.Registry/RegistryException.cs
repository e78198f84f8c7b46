using System.Net;

namespace ImageUpdater.Registry;

/// <summary>
/// A registry request failed. The message is one line naming the registry, the repository and the HTTP status, so a
/// command line can print it as it is; it never holds a credential.
/// </summary>
public sealed class RegistryException : ImageUpdaterException
{
    /// <summary>Creates an exception with no message.</summary>
    public RegistryException()
        : this("A registry request failed.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public RegistryException(string message)
        : base(message)
    {
        Registry = string.Empty;
        Repository = string.Empty;
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public RegistryException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Registry = string.Empty;
        Repository = string.Empty;
    }

    /// <summary>Creates an exception for a failed request to a registry.</summary>
    /// <param name="kind">What kind of failure it is.</param>
    /// <param name="registry">The registry's API URL or name.</param>
    /// <param name="repository">The repository, empty when the request was not for one (a ping).</param>
    /// <param name="reason">What went wrong, without the registry, repository or status.</param>
    /// <param name="statusCode">The HTTP status, when a response was received.</param>
    /// <param name="innerException">The cause, if any.</param>
    public RegistryException(RegistryErrorKind kind, string registry, string repository, string reason, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(Format(registry, repository, reason, statusCode), innerException)
    {
        Kind = kind;
        Registry = registry;
        Repository = repository;
        StatusCode = statusCode;
    }

    /// <summary>Gets what kind of failure this is.</summary>
    /// <value>The default value is <see cref="RegistryErrorKind.Transport"/>.</value>
    public RegistryErrorKind Kind { get; }

    /// <summary>Gets the registry's API URL or name; empty when unknown.</summary>
    public string Registry { get; }

    /// <summary>Gets the repository; empty when the request was not for one.</summary>
    public string Repository { get; }

    /// <summary>Gets the HTTP status of the failing response, when one was received.</summary>
    public HttpStatusCode? StatusCode { get; }

    private static string Format(string registry, string repository, string reason, HttpStatusCode? statusCode)
    {
        var text = "registry " + registry;
        if (!string.IsNullOrEmpty(repository))
        {
            text += " repository " + repository;
        }

        text += ": " + reason.ReplaceLineEndings(" ");
        if (statusCode is { } status)
        {
            text += " (HTTP " + ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + status + ")";
        }

        return text;
    }
}
