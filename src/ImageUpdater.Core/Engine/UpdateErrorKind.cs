namespace ImageUpdater.Engine;

/// <summary>What kind of problem kept an image or application from being updated.</summary>
public enum UpdateErrorKind
{
    /// <summary>The configuration is invalid (annotation, resource, constraint, registries.conf entry).</summary>
    Configuration,

    /// <summary>The registry does not know the repository or tag.</summary>
    NotFound,

    /// <summary>The registry refused the credentials, or none were given where they are needed.</summary>
    Unauthorized,

    /// <summary>The registry answered 429 Too Many Requests after every retry.</summary>
    RateLimited,

    /// <summary>The registry answered with content that cannot be read (malformed JSON, a wrong media type).</summary>
    InvalidContent,

    /// <summary>The connection failed (refused, reset, TLS handshake) or the registry answered 5xx after every retry.</summary>
    Transport,

    /// <summary>The image's time budget ran out.</summary>
    Timeout,

    /// <summary>Credentials could not be obtained (a missing secret, a failing script).</summary>
    Credentials,

    /// <summary>Writing the change back failed (a rejected push, an edit that could not be made).</summary>
    WriteBack,

    /// <summary>An unexpected failure (a bug); the message says what was being done.</summary>
    Internal,
}
