using System.Diagnostics.CodeAnalysis;
using ImageUpdater.Applications;

namespace ImageUpdater.Policies;

/// <summary>
/// The file a Git write-back edits: <c>kustomization[:path]</c>, <c>helmvalues[:path]</c>, <c>markers[:path]</c>, or
/// the default parameter override file.
/// </summary>
/// <param name="Kind">The kind of file.</param>
/// <param name="Path">The path as written after the <c>:</c>; <see langword="null"/> when none was written.</param>
public sealed record WriteBackTarget(WriteBackTargetKind Kind, string? Path = null)
{
    /// <summary>The Helm values file used when <c>helmvalues</c> names no path.</summary>
    public const string DefaultHelmValuesFile = "values.yaml";

    /// <summary>Gets the default target, the parameter override file.</summary>
    public static WriteBackTarget ParameterOverrides { get; } = new(WriteBackTargetKind.ParameterOverrides);

    /// <summary>Gets the source type this target forces (Kustomize for a kustomization, Helm for values), if any.</summary>
    public ApplicationSourceType? ForcedSourceType => Kind switch
    {
        WriteBackTargetKind.Kustomization => ApplicationSourceType.Kustomize,
        WriteBackTargetKind.HelmValues => ApplicationSourceType.Helm,
        _ => null,
    };

    /// <summary>
    /// Parses a write-back target exactly as the reference does: a value starting with <c>kustomization</c> or
    /// <c>helmvalues</c> is that kind, its path being everything after the prefix and one more character (the
    /// <c>:</c>); <c>markers[:path]</c> is ours; any other value is kept as an override file path relative to the
    /// repository root.
    /// </summary>
    /// <param name="text">The target as written.</param>
    /// <param name="target">The parsed target.</param>
    /// <param name="error">Why the text is invalid; empty on success.</param>
    /// <returns><see langword="true"/> unless the text is empty.</returns>
    public static bool TryParse(string text, [NotNullWhen(true)] out WriteBackTarget? target, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        target = null;
        error = string.Empty;
        if (text.Length == 0)
        {
            error = "Write-back target must not be empty.";
            return false;
        }

        foreach (var (prefix, kind) in Prefixes)
        {
            if (text == prefix)
            {
                target = new WriteBackTarget(kind);
                return true;
            }

            if (kind == WriteBackTargetKind.Markers ? text.StartsWith(prefix + ":", StringComparison.Ordinal) : text.StartsWith(prefix, StringComparison.Ordinal))
            {
                target = new WriteBackTarget(kind, text[(prefix.Length + 1)..]);
                return true;
            }
        }

        target = new WriteBackTarget(WriteBackTargetKind.OverrideFile, text);
        return true;
    }

    /// <summary>
    /// Resolves the path in the repository as the reference does: relative to the source's path, or to the repository
    /// root when it starts with <c>/</c>; <c>helmvalues</c> defaults to <c>values.yaml</c> and the others to the
    /// source's directory. Not meaningful for <see cref="WriteBackTargetKind.ParameterOverrides"/>, whose file name
    /// depends on the application and the controller's namespace.
    /// </summary>
    /// <param name="sourcePath">The chosen source's <c>path</c>.</param>
    /// <returns>The cleaned path relative to the repository root.</returns>
    public string ResolvePath(string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(sourcePath);
        if (Path is null)
        {
            return Kind == WriteBackTargetKind.HelmValues
                ? GoPath.Join(sourcePath, "./", DefaultHelmValuesFile)
                : GoPath.Clean(GoPath.Join(sourcePath, "."));
        }

        if (Kind == WriteBackTargetKind.OverrideFile)
        {
            return Path;
        }

        return Path.StartsWith('/') ? Path[1..] : GoPath.Join(sourcePath, Path);
    }

    /// <summary>Renders the target in the form it is written.</summary>
    /// <returns>The target text.</returns>
    public override string ToString()
    {
        var prefix = Kind switch
        {
            WriteBackTargetKind.Kustomization => "kustomization",
            WriteBackTargetKind.HelmValues => "helmvalues",
            WriteBackTargetKind.Markers => "markers",
            WriteBackTargetKind.OverrideFile => null,
            _ => "default",
        };
        if (prefix is null)
        {
            return Path ?? string.Empty;
        }

        return Path is null ? prefix : prefix + ":" + Path;
    }

    private static readonly (string Prefix, WriteBackTargetKind Kind)[] Prefixes =
    [
        ("kustomization", WriteBackTargetKind.Kustomization),
        ("helmvalues", WriteBackTargetKind.HelmValues),
        ("markers", WriteBackTargetKind.Markers),
    ];
}
