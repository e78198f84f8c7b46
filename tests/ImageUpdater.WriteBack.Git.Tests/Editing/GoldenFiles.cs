using System.Runtime.CompilerServices;
using System.Text;

namespace ImageUpdater.WriteBack.Git.Tests.Editing;

/// <summary>
/// Reads the committed input and expected output of an editor case from the source tree. Tests only read them: a run
/// never creates or changes a golden file.
/// </summary>
internal static class GoldenFiles
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Directory([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "golden");

    /// <summary>Returns the case's input and expected text, a byte order mark kept as the first character.</summary>
    public static (string Input, string Expected) Read(string editor, string name)
    {
        var folder = Path.Combine(Directory(), editor);
        return (Utf8.GetString(File.ReadAllBytes(Path.Combine(folder, name + ".input.yaml"))),
            Utf8.GetString(File.ReadAllBytes(Path.Combine(folder, name + ".golden.yaml"))));
    }

    /// <summary>Asserts equal text and shows the first differing line when not.</summary>
    public static void AssertSame(string expected, string actual, string name)
    {
        if (expected == actual)
        {
            return;
        }

        var index = 0;
        while (index < expected.Length && index < actual.Length && expected[index] == actual[index])
        {
            index++;
        }

        Assert.Fail($"{name}: output differs from the golden file at character {index}.\n--- expected ---\n{Visible(expected)}\n--- actual ---\n{Visible(actual)}");
    }

    private static string Visible(string text) => text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\uFEFF", "<BOM>", StringComparison.Ordinal);
}
