namespace ImageUpdater;

/// <summary>The root of every exception ImageUpdater throws on purpose.</summary>
public class ImageUpdaterException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public ImageUpdaterException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ImageUpdaterException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ImageUpdaterException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
