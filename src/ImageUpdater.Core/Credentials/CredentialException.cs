namespace ImageUpdater.Credentials;

/// <summary>A credential could not be had: an invalid spec or a failing source. The message never holds a secret.</summary>
public class CredentialException : ImageUpdaterException
{
    /// <summary>Creates an exception with no message.</summary>
    public CredentialException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong, without secrets.</param>
    public CredentialException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, without secrets.</param>
    /// <param name="innerException">The cause.</param>
    public CredentialException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A source has no credential for this request (a missing variable, secret or file entry): a chain moves on to its
/// next source, as Azure.Core's <c>CredentialUnavailableException</c>.
/// </summary>
public sealed class CredentialUnavailableException : CredentialException
{
    /// <summary>Creates an exception with no message.</summary>
    public CredentialUnavailableException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">Why the source has nothing, without secrets.</param>
    public CredentialUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">Why the source has nothing, without secrets.</param>
    /// <param name="innerException">The cause.</param>
    public CredentialUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
