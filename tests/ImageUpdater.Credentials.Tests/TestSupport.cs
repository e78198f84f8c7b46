using System.Text;

namespace ImageUpdater.Credentials.Tests;

internal static class TestSupport
{
    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public static string DockerConfig(params (string Key, string User, string Password)[] entries) =>
        "{\"auths\":{" + string.Join(",", entries.Select(e => $"\"{e.Key}\":{{\"auth\":\"{Base64(e.User + ":" + e.Password)}\"}}")) + "}}";

    public static InMemorySecretReader PullSecret(string ns, string name, string json) =>
        new InMemorySecretReader().Set(ns, name, new Dictionary<string, string> { [".dockerconfigjson"] = json });

    public static string UniqueVariable() => "IU_TEST_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
}

/// <summary>A temporary folder removed on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "iu-cred-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        return file;
    }

    public string Script(string name, string body)
    {
        var file = Write(name, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
