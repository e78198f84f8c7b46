using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace ImageUpdater;

/// <summary>
/// A validated content digest, <c>algorithm:encoded</c>, as the OCI image spec defines it
/// (<c>sha256</c> needs 64 and <c>sha512</c> 128 lowercase hex characters).
/// </summary>
public readonly record struct Digest
{
    private Digest(string algorithm, string encoded)
    {
        Algorithm = algorithm;
        Encoded = encoded;
    }

    /// <summary>Gets the algorithm, such as <c>sha256</c>.</summary>
    public string Algorithm { get; }

    /// <summary>Gets the encoded part (lowercase hex for the registered algorithms).</summary>
    public string Encoded { get; }

    /// <summary>Parses <c>algorithm:encoded</c>.</summary>
    /// <param name="value">The digest text.</param>
    /// <returns>The digest.</returns>
    /// <exception cref="FormatException">The text is not a valid digest; the message says why.</exception>
    public static Digest Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var digest, out var error) ? digest : throw new FormatException(error);
    }

    /// <summary>Tries to parse <c>algorithm:encoded</c>.</summary>
    /// <param name="value">The digest text.</param>
    /// <param name="digest">The digest, when valid.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a valid digest.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out Digest digest) => TryParse(value, out digest, out _);

    /// <summary>Computes the sha256 digest of raw bytes, as registries do for manifests and blobs.</summary>
    /// <param name="content">The raw bytes.</param>
    /// <returns>The <c>sha256:</c> digest.</returns>
    public static Digest Sha256Of(ReadOnlySpan<byte> content)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content, hash);
        return new Digest("sha256", Convert.ToHexStringLower(hash));
    }

    /// <summary>Renders <c>algorithm:encoded</c>.</summary>
    /// <returns>The digest text.</returns>
    public override string ToString() => Algorithm is null ? string.Empty : Algorithm + ":" + Encoded;

    private static bool TryParse(string? value, out Digest digest, out string error)
    {
        digest = default;
        if (string.IsNullOrEmpty(value))
        {
            error = "A digest must not be empty.";
            return false;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == value.Length - 1)
        {
            error = $"Digest '{value}' must have the form algorithm:encoded.";
            return false;
        }

        var algorithm = value[..colon];
        var encoded = value[(colon + 1)..];
        if (!IsValidAlgorithm(algorithm))
        {
            error = $"Digest '{value}' has an invalid algorithm '{algorithm}'.";
            return false;
        }

        int? expectedLength = algorithm switch
        {
            "sha256" => 64,
            "sha384" => 96,
            "sha512" => 128,
            _ => null,
        };

        if (expectedLength is { } length)
        {
            if (encoded.Length != length || !IsLowerHex(encoded))
            {
                error = $"Digest '{value}' must have {length} lowercase hex characters after '{algorithm}:'.";
                return false;
            }
        }
        else if (!encoded.All(static c => char.IsAsciiLetterOrDigit(c) || c is '=' or '_' or '-'))
        {
            error = $"Digest '{value}' has invalid characters in its encoded part.";
            return false;
        }

        digest = new Digest(algorithm, encoded);
        error = string.Empty;
        return true;
    }

    // OCI: algorithm-component (algorithm-separator algorithm-component)*, components [a-z0-9]+, separators [+._-].
    private static bool IsValidAlgorithm(string algorithm)
    {
        var previousWasSeparator = true;
        foreach (var c in algorithm)
        {
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                previousWasSeparator = false;
            }
            else if (c is '+' or '.' or '_' or '-' && !previousWasSeparator)
            {
                previousWasSeparator = true;
            }
            else
            {
                return false;
            }
        }

        return !previousWasSeparator;
    }

    private static bool IsLowerHex(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
