namespace ImageUpdater.WriteBack.Git.Templates;

/// <summary>Go's template comparison functions: basic kinds compare by value, mixing kinds is an error.</summary>
internal static class GoComparison
{
    private enum Kind
    {
        Invalid,
        Bool,
        Int,
        Float,
        String,
    }

    public static bool Equal(object? first, ReadOnlySpan<object?> others)
    {
        if (others.Length == 0)
        {
            throw new GoCallException("missing argument for comparison");
        }

        var firstKind = KindOf(first);
        foreach (var other in others)
        {
            var otherKind = KindOf(other);
            bool truth;
            if (firstKind != otherKind)
            {
                if (first is not null && other is not null)
                {
                    throw new GoCallException("incompatible types for comparison");
                }

                truth = false;
            }
            else
            {
                truth = firstKind switch
                {
                    Kind.Bool => (bool)first! == (bool)other!,
                    Kind.Int => (long)first! == (long)other!,
                    Kind.Float => (double)first! == (double)other!,
                    Kind.String => (string)first! == (string)other!,
                    _ => EqualComposite(first, other),
                };
            }

            if (truth)
            {
                return true;
            }
        }

        return false;
    }

    public static bool Less(object? first, object? second)
    {
        var firstKind = KindOf(first);
        var secondKind = KindOf(second);
        if (firstKind == Kind.Invalid || secondKind == Kind.Invalid)
        {
            throw new GoCallException("invalid type for comparison");
        }

        if (firstKind != secondKind)
        {
            throw new GoCallException("incompatible types for comparison");
        }

        return firstKind switch
        {
            Kind.Int => (long)first! < (long)second!,
            Kind.Float => (double)first! < (double)second!,
            Kind.String => string.CompareOrdinal((string)first!, (string)second!) < 0,
            _ => throw new GoCallException("invalid type for comparison"),
        };
    }

    public static bool LessOrEqual(object? first, object? second) => Less(first, second) || Equal(first, [second]);

    // Go compares other kinds with ==: nil maps equal each other, and a struct of strings compares field by field.
    private static bool EqualComposite(object? first, object? second)
    {
        var sameKind = first?.GetType() == second?.GetType();
        if (!sameKind && first is not null && second is not null)
        {
            throw new GoCallException($"non-comparable types {Describe(first)}: {GoValues.TypeName(first)}, {GoValues.TypeName(second)}: {Describe(second)}");
        }

        if (IsNil(first) || IsNil(second))
        {
            return IsNil(first) == IsNil(second);
        }

        if (!IsComparable(second))
        {
            throw new GoCallException($"non-comparable type {Describe(second)}: {GoValues.TypeName(second)}");
        }

        return ValuesEqual(first, second);
    }

    private static bool ValuesEqual(object? first, object? second) => (first, second) switch
    {
        (GoStruct a, GoStruct b) => a.TypeName == b.TypeName
            && a.Fields.Select(field => field.Value).SequenceEqual(b.Fields.Select(field => field.Value), ValueComparer.Instance),
        _ => Equals(first, second),
    };

    private static bool IsNil(object? value) => value is null || value is GoMap { IsNil: true };

    private static bool IsComparable(object? value) => value switch
    {
        GoMap or GoSlice => false,
        GoStruct s => s.Fields.All(field => IsComparable(field.Value)),
        _ => true,
    };

    private static string Describe(object? value) => GoFormatter.Sprint([value]);

    private static Kind KindOf(object? value) => value switch
    {
        bool => Kind.Bool,
        long => Kind.Int,
        double => Kind.Float,
        string => Kind.String,
        _ => Kind.Invalid,
    };

    private sealed class ValueComparer : IEqualityComparer<object?>
    {
        public static readonly ValueComparer Instance = new();

        public new bool Equals(object? x, object? y) => ValuesEqual(x, y);

        public int GetHashCode(object? obj) => 0;
    }
}
