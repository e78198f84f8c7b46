using System.Text;

namespace ImageUpdater.WriteBack.Git.Templates;

/// <summary>How a builtin receives an argument, which decides Go's conversions and errors for it.</summary>
internal enum ParameterKind
{
    /// <summary>A reflect.Value: any value, a missing one stays missing.</summary>
    Value,

    /// <summary>An interface{}: any value, a missing one becomes nil.</summary>
    Any,

    /// <summary>A string: only a string.</summary>
    Text,
}

/// <summary>A builtin's signature as Go declares it, and its body.</summary>
internal sealed record GoFunction(string Name, ParameterKind[] Fixed, ParameterKind? Variadic, Func<object?[], object?> Invoke);

/// <summary>A builtin failed: Go reports it as "error calling NAME: MESSAGE".</summary>
internal sealed class GoCallException(string message) : Exception(message);

/// <summary>Go's text/template builtin functions that commit and branch templates use.</summary>
internal static class GoTemplateFunctions
{
    private static readonly Dictionary<string, GoFunction> Functions = new GoFunction[]
    {
        new("and", [ParameterKind.Value], ParameterKind.Value, _ => throw new InvalidOperationException("and short-circuits in the executor")),
        new("or", [ParameterKind.Value], ParameterKind.Value, _ => throw new InvalidOperationException("or short-circuits in the executor")),
        new("not", [ParameterKind.Value], null, args => !GoValues.IsTrue(args[0])),
        new("len", [ParameterKind.Value], null, args => Length(args[0])),
        new("index", [ParameterKind.Value], ParameterKind.Value, args => Index(args[0], args.AsSpan(1))),
        new("slice", [ParameterKind.Value], ParameterKind.Value, args => Slice(args[0], args.AsSpan(1))),
        new("eq", [ParameterKind.Value], ParameterKind.Value, args => GoComparison.Equal(args[0], args.AsSpan(1))),
        new("ne", [ParameterKind.Value, ParameterKind.Value], null, args => !GoComparison.Equal(args[0], args.AsSpan(1))),
        new("lt", [ParameterKind.Value, ParameterKind.Value], null, args => GoComparison.Less(args[0], args[1])),
        new("le", [ParameterKind.Value, ParameterKind.Value], null, args => GoComparison.LessOrEqual(args[0], args[1])),
        new("gt", [ParameterKind.Value, ParameterKind.Value], null, args => !GoComparison.LessOrEqual(args[0], args[1])),
        new("ge", [ParameterKind.Value, ParameterKind.Value], null, args => !GoComparison.Less(args[0], args[1])),
        new("print", [], ParameterKind.Any, GoFormatter.Sprint),
        new("printf", [ParameterKind.Text], ParameterKind.Any, args => GoFormatter.Sprintf((string)args[0]!, args[1..])),
        new("println", [], ParameterKind.Any, GoFormatter.Sprintln),
    }.ToDictionary(function => function.Name, StringComparer.Ordinal);

    // Go defines these too; templates using them parse in the reference, so they are reported as unsupported by name.
    private static readonly HashSet<string> UnsupportedBuiltins = new(["call", "html", "js", "urlquery"], StringComparer.Ordinal);

    public static string SupportedNames { get; } = string.Join(", ", Functions.Keys);

    public static bool IsSupported(string name) => Functions.ContainsKey(name);

    public static bool IsGoBuiltin(string name) => UnsupportedBuiltins.Contains(name);

    public static GoFunction Get(string name) => Functions[name];

    private static long Length(object? item) => item switch
    {
        string s => Encoding.UTF8.GetByteCount(s),
        GoSlice slice => slice.Items.Count,
        GoMap map => map.Count,
        _ => throw new GoCallException($"len of type {GoValues.TypeName(item)}"),
    };

    private static object? Index(object? item, ReadOnlySpan<object?> indexes)
    {
        if (item is null)
        {
            throw new GoCallException("index of untyped nil");
        }

        foreach (var index in indexes)
        {
            switch (item)
            {
                case GoSlice slice:
                    var position = IndexArgument(index, slice.Items.Count);
                    item = position < slice.Items.Count
                        ? slice.Items[position]
                        : throw new GoCallException("reflect: slice index out of range");
                    break;
                case string text:
                    var bytes = Encoding.UTF8.GetBytes(text);
                    var at = IndexArgument(index, bytes.Length);
                    item = at < bytes.Length ? (long)bytes[at] : throw new GoCallException("reflect: string index out of range");
                    break;
                case GoMap map:
                    var key = index switch
                    {
                        string s => s,
                        null => throw new GoCallException("value is nil; should be of type string"),
                        _ => throw new GoCallException($"value has type {GoValues.TypeName(index)}; should be string"),
                    };
                    item = map.TryGetValue(key, out var value) ? value : string.Empty;
                    break;
                default:
                    throw new GoCallException($"can't index item of type {GoValues.TypeName(item)}");
            }
        }

        return item;
    }

    private static object Slice(object? item, ReadOnlySpan<object?> indexes)
    {
        if (item is null)
        {
            throw new GoCallException("slice of untyped nil");
        }

        if (indexes.Length > 3)
        {
            throw new GoCallException($"too many slice indexes: {indexes.Length}");
        }

        int length;
        switch (item)
        {
            case string text:
                if (indexes.Length == 3)
                {
                    throw new GoCallException("cannot 3-index slice a string");
                }

                length = Encoding.UTF8.GetByteCount(text);
                break;
            case GoSlice slice:
                length = slice.Items.Count;
                break;
            default:
                throw new GoCallException($"can't slice item of type {GoValues.TypeName(item)}");
        }

        int[] bounds = [0, length, length];
        for (var i = 0; i < indexes.Length; i++)
        {
            bounds[i] = IndexArgument(indexes[i], length);
        }

        if (bounds[0] > bounds[1])
        {
            throw new GoCallException($"invalid slice index: {bounds[0]} > {bounds[1]}");
        }

        if (indexes.Length == 3 && bounds[1] > bounds[2])
        {
            throw new GoCallException($"invalid slice index: {bounds[1]} > {bounds[2]}");
        }

        return item is string s
            ? Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s), bounds[0], bounds[1] - bounds[0])
            : new GoSlice(((GoSlice)item).TypeName, ((GoSlice)item).Items.Skip(bounds[0]).Take(bounds[1] - bounds[0]).ToList());
    }

    private static int IndexArgument(object? index, int capacity) => index switch
    {
        long x when x >= 0 && x <= capacity => (int)x,
        long x => throw new GoCallException($"index out of range: {x}"),
        null => throw new GoCallException("cannot index slice/array with nil"),
        _ => throw new GoCallException($"cannot index slice/array with type {GoValues.TypeName(index)}"),
    };
}
