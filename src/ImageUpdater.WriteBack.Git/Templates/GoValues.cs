namespace ImageUpdater.WriteBack.Git.Templates;

/// <summary>
/// The values a template sees, modelled on Go's: <see cref="string"/>, <see cref="bool"/>, <see cref="long"/> (Go's
/// int), <see cref="double"/> (float64), these types, and null for a missing value (Go's invalid reflect.Value or nil).
/// </summary>
internal static class GoValues
{
    /// <summary>Go's type name, as <c>%T</c> and error messages print it.</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "<nil>",
        string => "string",
        bool => "bool",
        long => "int",
        double => "float64",
        GoStruct s => s.TypeName,
        GoSlice s => s.TypeName,
        GoMap => GoMap.TypeName,
        _ => throw new InvalidOperationException($"Not a template value: {value.GetType()}"),
    };

    /// <summary>Go's truth for if, with and range: empty, zero, false and missing values are false.</summary>
    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        string s => s.Length > 0,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        GoSlice s => s.Items.Count > 0,
        GoMap m => m.Count > 0,
        _ => true,
    };
}

/// <summary>A Go struct value: named fields in declaration order.</summary>
internal sealed class GoStruct(string typeName, IReadOnlyList<KeyValuePair<string, object?>> fields)
{
    public string TypeName { get; } = typeName;

    public IReadOnlyList<KeyValuePair<string, object?>> Fields { get; } = fields;

    public bool TryGetField(string name, out object? value)
    {
        foreach (var field in Fields)
        {
            if (field.Key == name)
            {
                value = field.Value;
                return true;
            }
        }

        value = null;
        return false;
    }
}

/// <summary>A Go slice value.</summary>
internal sealed class GoSlice(string typeName, IReadOnlyList<object?> items)
{
    public string TypeName { get; } = typeName;

    public IReadOnlyList<object?> Items { get; } = items;
}

/// <summary>A Go <c>map[string]string</c> (the only map the templates' data holds); null entries is Go's nil map.</summary>
internal sealed class GoMap(IReadOnlyDictionary<string, string>? entries)
{
    public static string TypeName => "map[string]string";

    public bool IsNil => entries is null;

    public int Count => entries?.Count ?? 0;

    /// <summary>Gets the entries in the order Go's fmt and range use: keys sorted by byte value.</summary>
    public IEnumerable<KeyValuePair<string, string>> Sorted =>
        entries is null ? [] : entries.OrderBy(entry => entry.Key, StringComparer.Ordinal);

    public bool TryGetValue(string key, out string? value)
    {
        if (entries is not null && entries.TryGetValue(key, out var found))
        {
            value = found;
            return true;
        }

        value = null;
        return false;
    }
}
