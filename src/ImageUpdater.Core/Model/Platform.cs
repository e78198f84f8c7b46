using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace ImageUpdater;

/// <summary>
/// A platform <c>os/architecture[/variant]</c>, as written in image indexes and in the <c>platforms</c> setting.
/// </summary>
/// <param name="Os">The operating system, such as <c>linux</c>.</param>
/// <param name="Architecture">The CPU architecture, such as <c>amd64</c> or <c>arm</c>.</param>
/// <param name="Variant">The CPU variant, such as <c>v7</c>; empty when none.</param>
public readonly record struct Platform(string Os, string Architecture, string Variant = "")
{
    /// <summary>Gets the platform of the running process, the default when an image names no platforms.</summary>
    public static Platform Current { get; } = FromRuntime();

    /// <summary>Parses <c>os/architecture[/variant]</c>.</summary>
    /// <param name="value">The platform text.</param>
    /// <returns>The platform.</returns>
    /// <exception cref="FormatException">The text has fewer than two parts.</exception>
    public static Platform Parse(string value) =>
        TryParse(value, out var platform)
            ? platform
            : throw new FormatException($"Could not parse platform '{value}': expected os/architecture[/variant].");

    /// <summary>
    /// Tries to parse <c>os/architecture[/variant]</c>. As the reference does, the text is split on the first two
    /// slashes, so anything after the second slash is the variant.
    /// </summary>
    /// <param name="value">The platform text.</param>
    /// <param name="platform">The platform, when the text has at least two parts.</param>
    /// <returns><see langword="true"/> when the text could be parsed.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out Platform platform)
    {
        platform = default;
        if (value is null)
        {
            return false;
        }

        var first = value.IndexOf('/', StringComparison.Ordinal);
        if (first < 0)
        {
            return false;
        }

        var second = value.IndexOf('/', first + 1);
        platform = second < 0
            ? new Platform(value[..first], value[(first + 1)..])
            : new Platform(value[..first], value[(first + 1)..second], value[(second + 1)..]);
        return true;
    }

    /// <summary>
    /// Whether an image built for <paramref name="candidate"/> is acceptable when this platform is wanted:
    /// OS and architecture must be equal; a wanted platform without a variant accepts every variant
    /// (<c>linux/arm</c> accepts <c>linux/arm/v7</c>), one with a variant only that variant.
    /// </summary>
    /// <param name="candidate">The platform an image was built for.</param>
    /// <returns><see langword="true"/> when the image fits.</returns>
    public bool Accepts(Platform candidate) =>
        string.Equals(Os, candidate.Os, StringComparison.Ordinal)
        && string.Equals(Architecture, candidate.Architecture, StringComparison.Ordinal)
        && (string.IsNullOrEmpty(Variant) || string.Equals(Variant, candidate.Variant ?? string.Empty, StringComparison.Ordinal));

    /// <summary>
    /// Whether <paramref name="candidate"/> is accepted by any of the wanted platform texts. An entry that cannot be
    /// parsed matches nothing; an empty list means the running process's platform.
    /// </summary>
    /// <param name="wanted">The wanted platforms as written by the user.</param>
    /// <param name="candidate">The platform an image was built for.</param>
    /// <returns><see langword="true"/> when any wanted platform accepts the candidate.</returns>
    public static bool AnyAccepts(IReadOnlyList<string> wanted, Platform candidate)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        if (wanted.Count == 0)
        {
            return Current.Accepts(candidate);
        }

        foreach (var text in wanted)
        {
            if (TryParse(text, out var platform) && platform.Accepts(candidate))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Renders <c>os/architecture[/variant]</c>.</summary>
    /// <returns>The platform text.</returns>
    public override string ToString() =>
        string.IsNullOrEmpty(Variant) ? Os + "/" + Architecture : Os + "/" + Architecture + "/" + Variant;

    private static Platform FromRuntime()
    {
        var os = OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : "linux";
        return RuntimeInformation.ProcessArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => new Platform(os, "amd64"),
            System.Runtime.InteropServices.Architecture.X86 => new Platform(os, "386"),
            System.Runtime.InteropServices.Architecture.Arm64 => new Platform(os, "arm64"),
            System.Runtime.InteropServices.Architecture.Arm => new Platform(os, "arm", "v7"),
            System.Runtime.InteropServices.Architecture.S390x => new Platform(os, "s390x"),
            System.Runtime.InteropServices.Architecture.Ppc64le => new Platform(os, "ppc64le"),
            System.Runtime.InteropServices.Architecture.RiscV64 => new Platform(os, "riscv64"),
            System.Runtime.InteropServices.Architecture.LoongArch64 => new Platform(os, "loong64"),
            var other => new Platform(os, other.ToString().ToLowerInvariant()),
        };
    }
}
