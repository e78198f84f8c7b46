using System.Diagnostics.CodeAnalysis;
using NuGet.Versioning;

namespace ImageUpdater.Strategies;

/// <summary>
/// A version as Masterminds/semver v3.4 <c>NewVersion</c> reads it: an optional lower-case <c>v</c>, one to three
/// numeric parts (missing parts are 0, leading zeros allowed), an optional pre-release and optional build metadata.
/// Parsing does not allocate: the struct keeps the original text and the offsets of its parts.
/// </summary>
/// <remarks>
/// Ordering is Masterminds' <c>Compare</c>: numeric parts, then "no pre-release" above any pre-release, then the
/// pre-release identifiers (numeric ones by value and below alphanumeric ones, which compare ordinally; fewer
/// identifiers sort lower). Build metadata is ignored, so <c>1.2.3+a</c> equals <c>1.2.3+b</c>.
/// NuGet.Versioning's comparer is not used for this because it compares pre-release labels case-insensitively and
/// its parts are 32-bit, while Masterminds compares ordinally with 64-bit parts.
/// </remarks>
public readonly struct SemverVersion : IEquatable<SemverVersion>, IComparable<SemverVersion>
{
    private readonly string? _original;
    private readonly int _preStart;
    private readonly int _preLength;
    private readonly int _metaStart;
    private readonly int _metaLength;

    private SemverVersion(string original, ulong major, ulong minor, ulong patch, int preStart, int preLength, int metaStart, int metaLength)
    {
        _original = original;
        Major = major;
        Minor = minor;
        Patch = patch;
        _preStart = preStart;
        _preLength = preLength;
        _metaStart = metaStart;
        _metaLength = metaLength;
    }

    /// <summary>Gets the major version.</summary>
    public ulong Major { get; }

    /// <summary>Gets the minor version (0 when the text had none).</summary>
    public ulong Minor { get; }

    /// <summary>Gets the patch version (0 when the text had none).</summary>
    public ulong Patch { get; }

    /// <summary>Gets the text the version was parsed from.</summary>
    public string Original => _original ?? string.Empty;

    /// <summary>Gets the pre-release without its leading <c>-</c>; empty when none.</summary>
    public string Prerelease => PrereleaseSpan.ToString();

    /// <summary>Gets the build metadata without its leading <c>+</c>; empty when none.</summary>
    public string Metadata => _metaLength == 0 ? string.Empty : _original!.Substring(_metaStart, _metaLength);

    /// <summary>Gets a value indicating whether the version has a pre-release.</summary>
    public bool IsPrerelease => _preLength > 0;

    internal ReadOnlySpan<char> PrereleaseSpan => _preLength == 0 ? default : _original.AsSpan(_preStart, _preLength);

    /// <summary>Compares two versions.</summary>
    /// <param name="left">The left version.</param>
    /// <param name="right">The right version.</param>
    /// <returns>Whether <paramref name="left"/> sorts before <paramref name="right"/>.</returns>
    public static bool operator <(SemverVersion left, SemverVersion right) => left.CompareTo(right) < 0;

    /// <summary>Compares two versions.</summary>
    /// <param name="left">The left version.</param>
    /// <param name="right">The right version.</param>
    /// <returns>Whether <paramref name="left"/> sorts after <paramref name="right"/>.</returns>
    public static bool operator >(SemverVersion left, SemverVersion right) => left.CompareTo(right) > 0;

    /// <summary>Compares two versions.</summary>
    /// <param name="left">The left version.</param>
    /// <param name="right">The right version.</param>
    /// <returns>Whether <paramref name="left"/> does not sort after <paramref name="right"/>.</returns>
    public static bool operator <=(SemverVersion left, SemverVersion right) => left.CompareTo(right) <= 0;

    /// <summary>Compares two versions.</summary>
    /// <param name="left">The left version.</param>
    /// <param name="right">The right version.</param>
    /// <returns>Whether <paramref name="left"/> does not sort before <paramref name="right"/>.</returns>
    public static bool operator >=(SemverVersion left, SemverVersion right) => left.CompareTo(right) >= 0;

    /// <summary>Whether two versions have equal precedence (build metadata and a <c>v</c> prefix are ignored).</summary>
    /// <param name="left">The left version.</param>
    /// <param name="right">The right version.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(SemverVersion left, SemverVersion right) => left.Equals(right);

    /// <summary>Whether two versions differ in precedence.</summary>
    /// <param name="left">The left version.</param>
    /// <param name="right">The right version.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(SemverVersion left, SemverVersion right) => !left.Equals(right);

    /// <summary>Parses a version leniently, as Masterminds' <c>NewVersion</c> does.</summary>
    /// <param name="text">The text, such as <c>v1.2</c>, <c>1.02.3-rc.1</c> or <c>2.0.0+build.5</c>.</param>
    /// <param name="version">The version, when the text is one.</param>
    /// <returns><see langword="true"/> when the text is a version.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out SemverVersion version)
    {
        version = default;
        if (text is null)
        {
            return false;
        }

        var s = text.AsSpan();
        var i = s.Length > 0 && s[0] == 'v' ? 1 : 0;
        if (!TryReadNumber(s, ref i, out var major))
        {
            return false;
        }

        ulong minor = 0, patch = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            if (!TryReadNumber(s, ref i, out minor))
            {
                return false;
            }

            if (i < s.Length && s[i] == '.')
            {
                i++;
                if (!TryReadNumber(s, ref i, out patch))
                {
                    return false;
                }
            }
        }

        int preStart = 0, preLength = 0, metaStart = 0, metaLength = 0;
        if (i < s.Length && s[i] == '-')
        {
            preStart = ++i;
            if (!TryReadIdentifiers(s, ref i, rejectLeadingZeros: true))
            {
                return false;
            }

            preLength = i - preStart;
        }

        if (i < s.Length && s[i] == '+')
        {
            metaStart = ++i;
            if (!TryReadIdentifiers(s, ref i, rejectLeadingZeros: false))
            {
                return false;
            }

            metaLength = i - metaStart;
        }

        if (i != s.Length)
        {
            return false;
        }

        version = new SemverVersion(text, major, minor, patch, preStart, preLength, metaStart, metaLength);
        return true;
    }

    /// <summary>Parses a version leniently, as Masterminds' <c>NewVersion</c> does.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The version.</returns>
    /// <exception cref="FormatException">The text is not a version.</exception>
    public static SemverVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a semantic version.");

    /// <summary>
    /// Converts the version to NuGet.Versioning's type, for callers that work with NuGet versions. Returns
    /// <see langword="null"/> when a part exceeds <see cref="int.MaxValue"/>, which NuGet cannot represent.
    /// </summary>
    /// <returns>The NuGet version, or <see langword="null"/>.</returns>
    public SemanticVersion? ToSemanticVersion()
    {
        if (Major > int.MaxValue || Minor > int.MaxValue || Patch > int.MaxValue)
        {
            return null;
        }

        var labels = _preLength == 0 ? null : Prerelease.Split('.');
        return new SemanticVersion((int)Major, (int)Minor, (int)Patch, labels, _metaLength == 0 ? null : Metadata);
    }

    /// <summary>Compares precedence as Masterminds' <c>Version.Compare</c> does.</summary>
    /// <param name="other">The other version.</param>
    /// <returns>Negative, zero or positive.</returns>
    public int CompareTo(SemverVersion other) => Compare(this, other);

    /// <inheritdoc/>
    public bool Equals(SemverVersion other) => CompareTo(other) == 0;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SemverVersion other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Major, Minor, Patch, string.GetHashCode(PrereleaseSpan, StringComparison.Ordinal));

    /// <summary>Returns the original text.</summary>
    /// <returns>The text the version was parsed from.</returns>
    public override string ToString() => Original;

    // Passed by reference: the struct is 48 bytes and this runs once or twice per tag.
    internal static int Compare(in SemverVersion left, in SemverVersion right)
    {
        if (left.Major != right.Major)
        {
            return left.Major < right.Major ? -1 : 1;
        }

        if (left.Minor != right.Minor)
        {
            return left.Minor < right.Minor ? -1 : 1;
        }

        if (left.Patch != right.Patch)
        {
            return left.Patch < right.Patch ? -1 : 1;
        }

        return left._preLength == 0 && right._preLength == 0 ? 0 : ComparePrerelease(left.PrereleaseSpan, right.PrereleaseSpan);
    }

    // Masterminds: a version without a pre-release is above any with one; otherwise compare the identifiers.
    internal static int ComparePrerelease(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        if (left.IsEmpty)
        {
            return right.IsEmpty ? 0 : 1;
        }

        return right.IsEmpty ? -1 : CompareIdentifiers(left, right);
    }

    // Masterminds' comparePrerelease: part by part; a missing part is empty and sorts lower.
    internal static int CompareIdentifiers(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        while (true)
        {
            var leftEnd = left.IndexOf('.');
            var rightEnd = right.IndexOf('.');
            var leftPart = leftEnd < 0 ? left : left[..leftEnd];
            var rightPart = rightEnd < 0 ? right : right[..rightEnd];
            var d = ComparePart(leftPart, rightPart);
            if (d != 0)
            {
                return d;
            }

            left = leftEnd < 0 ? default : left[(leftEnd + 1)..];
            right = rightEnd < 0 ? default : right[(rightEnd + 1)..];
            if (leftEnd < 0 && rightEnd < 0)
            {
                return 0;
            }
        }
    }

    // Masterminds' comparePrePart: numbers (that fit in 64 bits) below strings, numbers by value, strings ordinally.
    private static int ComparePart(ReadOnlySpan<char> s, ReadOnlySpan<char> o)
    {
        if (s.SequenceEqual(o))
        {
            return 0;
        }

        if (s.IsEmpty)
        {
            return -1;
        }

        if (o.IsEmpty)
        {
            return 1;
        }

        var sNumeric = TryParseUInt64(s, out var si);
        var oNumeric = TryParseUInt64(o, out var oi);
        if (!sNumeric && !oNumeric)
        {
            return s.SequenceCompareTo(o) > 0 ? 1 : -1;
        }

        if (!oNumeric)
        {
            return -1;
        }

        if (!sNumeric)
        {
            return 1;
        }

        return si > oi ? 1 : -1;
    }

    private static bool TryParseUInt64(ReadOnlySpan<char> text, out ulong value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            var digit = (ulong)(c - '0');
            if (value > (ulong.MaxValue - digit) / 10)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    // One or more ASCII digits; Go's ParseUint rejects values beyond 64 bits, leading zeros are fine.
    private static bool TryReadNumber(ReadOnlySpan<char> s, ref int i, out ulong value)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return TryParseUInt64(s[start..i], out value);
    }

    // Dot-separated non-empty identifiers of [0-9A-Za-z-]; numeric pre-release identifiers may not have leading zeros.
    private static bool TryReadIdentifiers(ReadOnlySpan<char> s, ref int i, bool rejectLeadingZeros)
    {
        while (true)
        {
            var start = i;
            var allDigits = true;
            while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '-'))
            {
                allDigits &= char.IsAsciiDigit(s[i]);
                i++;
            }

            if (i == start)
            {
                return false;
            }

            if (rejectLeadingZeros && allDigits && i - start > 1 && s[start] == '0')
            {
                return false;
            }

            if (i < s.Length && s[i] == '.')
            {
                i++;
                continue;
            }

            return true;
        }
    }
}
