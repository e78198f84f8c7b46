namespace ImageUpdater.Testing;

/// <summary>
/// YAML built to crash or exhaust a naive reader: 40,000-deep nesting (a recursive parser overflows the stack, which
/// kills the process), an alias bomb ("billion laughs") and a file past the size limit. Tests take the names as theory
/// data, so that the huge texts stay out of test names.
/// </summary>
public static class HostileYaml
{
    public const int Depth = 40_000;

    public static IReadOnlyList<string> Names { get; } =
        ["deep flow sequences", "deep flow mappings", "deep block sequences", "alias bomb", "huge file"];

    /// <summary>Builds a hostile document with its hostile value under <paramref name="key"/>, and a fragment of the error it must give.</summary>
    public static (string Text, string Error) Document(string name, string key) => name switch
    {
        "deep flow sequences" => (key + ": " + new string('[', Depth) + "\n", "Nesting deeper than"),
        "deep flow mappings" => (key + ": " + string.Concat(Enumerable.Repeat("{a: ", Depth)) + "\n", "Nesting deeper than"),
        "deep block sequences" => (key + ":\n" + string.Concat(Enumerable.Repeat("- ", Depth)) + "x\n", "Nesting deeper than"),
        "alias bomb" => (key + ":\n" + AliasBomb(), "expands to more than"),
        "huge file" => (key + ":\n" + string.Concat(Enumerable.Repeat("# padding to pass the size limit\n", 300_000)), "than the limit of"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown hostile document."),
    };

    // Ten levels of ten aliases each: 10^10 nodes once expanded, in under 1 KB.
    private static string AliasBomb() =>
        "  a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + string.Concat(Enumerable.Range(1, 9).Select(level =>
            $"  l{level}: &l{level} [{string.Join(", ", Enumerable.Repeat(level == 1 ? "*a" : $"*l{level - 1}", 10))}]\n"));
}
