namespace ImageUpdater.Registry;

/// <summary>What kind of failure a <see cref="RegistryException"/> reports, so a caller can decide between skip, retry and fail.</summary>
public enum RegistryErrorKind
{
    /// <summary>The registry, its content or a redirect misbehaved in a way none of the other kinds describes.</summary>
    Transport,

    /// <summary>The registry does not know the repository, tag or blob (HTTP 404).</summary>
    NotFound,

    /// <summary>The registry refused the credentials, or asked for some where none were given (HTTP 401 or 403).</summary>
    Unauthorized,

    /// <summary>The registry answered 429 Too Many Requests after every retry.</summary>
    RateLimited,

    /// <summary>The answer cannot be read: malformed JSON, a wrong media type or digest, a size or count cap exceeded.</summary>
    InvalidContent,

    /// <summary>A request attempt timed out after every retry.</summary>
    Timeout,
}
