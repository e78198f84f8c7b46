using ImageUpdater.Testing;

namespace ImageUpdater.WriteBack.Git.Tests;

/// <summary>Shell scripts that stand in for the git executable.</summary>
internal static class FakeGit
{
    /// <summary>Writes an executable <c>/bin/sh</c> script with <paramref name="body"/> and returns its path.</summary>
    public static string Write(TemporaryFolder folder, string body, string name = "git")
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Fake git executables are shell scripts.");
        }

        var path = folder.WriteFile(name, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
