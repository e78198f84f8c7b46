using System.Runtime.CompilerServices;

namespace ImageUpdater.Registry.Tests.Configuration;

/// <summary>Finds the YAML fixtures next to this source file, so they need no copying into the build output.</summary>
internal static class Fixture
{
    public static string PathOf(string name, [CallerFilePath] string sourceFile = "") =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(sourceFile)!, "Fixtures", name);
}
