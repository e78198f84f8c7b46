using System.Text.RegularExpressions;

namespace ImageUpdater.Policies;

/// <summary>A Kubernetes label selector (<c>matchLabels</c> and <c>matchExpressions</c>, all of which must hold).</summary>
public sealed partial record LabelSelectorSpec
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>(0);

    /// <summary>Gets the labels that must be present with exactly these values.</summary>
    public IReadOnlyDictionary<string, string> MatchLabels { get; init; } = NoLabels;

    /// <summary>Gets the expressions that must hold.</summary>
    public IReadOnlyList<LabelSelectorRequirement> MatchExpressions { get; init; } = [];

    /// <summary>
    /// Checks the selector as Kubernetes does (<c>LabelSelectorAsSelector</c>): label keys and values must be valid,
    /// <c>In</c>/<c>NotIn</c> need values and <c>Exists</c>/<c>DoesNotExist</c> must have none.
    /// </summary>
    /// <returns>What is wrong, or <see langword="null"/> when the selector is valid.</returns>
    internal string? Validate()
    {
        foreach (var (key, value) in MatchLabels)
        {
            if (ValidateKey(key) is { } keyError)
            {
                return keyError;
            }

            if (!IsValidValue(value))
            {
                return $"Label value '{value}' of key '{key}' is invalid: at most 63 characters, alphanumeric at both ends, '-', '_' or '.' between.";
            }
        }

        foreach (var requirement in MatchExpressions)
        {
            if (ValidateKey(requirement.Key) is { } keyError)
            {
                return keyError;
            }

            switch (requirement.Operator)
            {
                case "In" or "NotIn":
                    if (requirement.Values.Count == 0)
                    {
                        return $"Operator '{requirement.Operator}' of key '{requirement.Key}' needs at least one value.";
                    }

                    break;
                case "Exists" or "DoesNotExist":
                    if (requirement.Values.Count != 0)
                    {
                        return $"Operator '{requirement.Operator}' of key '{requirement.Key}' must not have values.";
                    }

                    break;
                default:
                    return $"'{requirement.Operator}' is not a valid label selector operator (In, NotIn, Exists, DoesNotExist).";
            }

            foreach (var value in requirement.Values)
            {
                if (!IsValidValue(value))
                {
                    return $"Label value '{value}' of key '{requirement.Key}' is invalid.";
                }
            }
        }

        return null;
    }

    /// <summary>Whether the labels satisfy the selector. An empty selector matches everything; an invalid one nothing.</summary>
    /// <param name="labels">The object's labels.</param>
    /// <returns><see langword="true"/> on a match.</returns>
    internal bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (Validate() is not null)
        {
            return false;
        }

        foreach (var (key, value) in MatchLabels)
        {
            if (!labels.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        foreach (var requirement in MatchExpressions)
        {
            var present = labels.TryGetValue(requirement.Key, out var actual);
            var holds = requirement.Operator switch
            {
                "In" => present && requirement.Values.Contains(actual!, StringComparer.Ordinal),
                "NotIn" => !present || !requirement.Values.Contains(actual!, StringComparer.Ordinal),
                "Exists" => present,
                _ => !present,
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }

    private static string? ValidateKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length is 0 or > 253 || !DnsSubdomain().IsMatch(prefix))
            {
                return $"Label key '{key}' has an invalid prefix: it must be a DNS subdomain.";
            }
        }

        return name.Length is 0 or > 63 || !QualifiedName().IsMatch(name)
            ? $"Label key '{key}' is invalid: the name must be 1-63 characters, alphanumeric at both ends, '-', '_' or '.' between."
            : null;
    }

    private static bool IsValidValue(string value) => value.Length == 0 || (value.Length <= 63 && QualifiedName().IsMatch(value));

    // \z, not $: .NET's $ also matches before a final newline, Go's (which Kubernetes uses) does not.
    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();
}

/// <summary>One expression of a label selector.</summary>
/// <param name="Key">The label key.</param>
/// <param name="Operator"><c>In</c>, <c>NotIn</c>, <c>Exists</c> or <c>DoesNotExist</c> (case-sensitive).</param>
/// <param name="Values">The values for <c>In</c> and <c>NotIn</c>.</param>
public sealed record LabelSelectorRequirement(string Key, string Operator, IReadOnlyList<string> Values);
