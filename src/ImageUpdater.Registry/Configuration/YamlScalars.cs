using System.Globalization;
using ImageUpdater.Yaml;

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

    /// <summary>Reads a YAML 1.1 boolean; quoted text is a string, never a boolean.</summary>
    /// <param name="scalar">The scalar.</param>
    /// <param name="value">The boolean.</param>
    /// <returns><see langword="true"/> when the scalar is a boolean.</returns>
    public static bool TryBoolean(ScalarNode scalar, out bool value)
    {
        value = false;
        if (!scalar.IsPlain)
        {
            return false;
        }

        if (TrueWords.Contains(scalar.Value))
        {
            value = true;
            return true;
        }

        return FalseWords.Contains(scalar.Value);
    }

    /// <summary>Reads a plain decimal integer such as <c>10</c> or <c>-1</c>.</summary>
    /// <param name="scalar">The scalar.</param>
    /// <param name="value">The integer.</param>
    /// <returns><see langword="true"/> when the scalar is an integer.</returns>
    public static bool TryInteger(ScalarNode scalar, out long value)
    {
        value = 0;
        return scalar.IsPlain
            && long.TryParse(scalar.Value.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
