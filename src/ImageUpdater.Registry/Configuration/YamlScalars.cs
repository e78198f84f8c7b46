using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ImageUpdater.Registry;

/// <summary>
/// Reads scalars the way the reference's YAML library (gopkg.in/yaml.v2, YAML 1.1) resolves them, so that files written
/// for the reference (<c>ping: yes</c>, <c>insecure: off</c>) mean the same here.
/// </summary>
internal static class YamlScalars
{
    private static readonly HashSet<string> TrueWords = new(StringComparer.Ordinal)
    {
        "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
    };

    private static readonly HashSet<string> FalseWords = new(StringComparer.Ordinal)
    {
        "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
    };

    /// <summary>Tells whether a scalar is YAML null (<c>~</c>, <c>null</c>, or nothing at all), which leaves a field unset.</summary>
    /// <param name="scalar">The scalar.</param>
    /// <returns><see langword="true"/> for a null scalar.</returns>
    public static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>Reads a YAML 1.1 boolean; quoted text is a string, never a boolean.</summary>
    /// <param name="scalar">The scalar.</param>
    /// <param name="value">The boolean.</param>
    /// <returns><see langword="true"/> when the scalar is a boolean.</returns>
    public static bool TryBoolean(YamlScalarNode scalar, out bool value)
    {
        value = false;
        if (scalar.Style != ScalarStyle.Plain || scalar.Value is not { } text)
        {
            return false;
        }

        if (TrueWords.Contains(text))
        {
            value = true;
            return true;
        }

        return FalseWords.Contains(text);
    }

    /// <summary>Reads a plain decimal integer such as <c>10</c> or <c>-1</c>.</summary>
    /// <param name="scalar">The scalar.</param>
    /// <param name="value">The integer.</param>
    /// <returns><see langword="true"/> when the scalar is an integer.</returns>
    public static bool TryInteger(YamlScalarNode scalar, out long value)
    {
        value = 0;
        return scalar.Style == ScalarStyle.Plain
            && scalar.Value is { } text
            && long.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
