using System.Globalization;

namespace ImageUpdater.WriteBack.Git;

/// <summary>
/// The environment that hands <see cref="GitCredentials"/> to git without a command line: an askpass script that
/// echoes environment variables for https, a 0600 key file and <c>GIT_SSH_COMMAND</c> for SSH. Its private folder
/// (0700) is deleted on dispose.
/// </summary>
internal sealed class GitCredentialSession : IDisposable
{
    public const string UsernameVariable = "IMAGE_UPDATER_GIT_USERNAME";
    public const string PasswordVariable = "IMAGE_UPDATER_GIT_PASSWORD";

    private const string AskPassScript = $$"""
        #!/bin/sh
        case "$1" in
          Username*) printf '%s\n' "${{{UsernameVariable}}}" ;;
          *) printf '%s\n' "${{{PasswordVariable}}}" ;;
        esac
        """;

    private readonly string? _folder;

    private GitCredentialSession(string? folder, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> configArguments)
    {
        _folder = folder;
        Environment = environment;
        ConfigArguments = configArguments;
    }

    /// <summary>Gets the variables to add to every git call's environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Gets <c>-c</c> options (no secrets) that go before the subcommand.</summary>
    public IReadOnlyList<string> ConfigArguments { get; }

    public static GitCredentialSession Start(GitCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (credentials.Username is null && credentials.SshPrivateKey is null)
        {
            return new(null, new Dictionary<string, string>(), []);
        }

        // CreateTempSubdirectory makes the folder 0700 on Unix: no other user can read what goes in it.
        var folder = Directory.CreateTempSubdirectory("imageupdater-git-auth-").FullName;
        try
        {
            return credentials.SshPrivateKey is { } key ? StartSsh(folder, key) : StartHttps(folder, credentials);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static GitCredentialSession StartHttps(string folder, GitCredentials credentials)
    {
        var script = Path.Combine(folder, "askpass.sh");
        WritePrivate(script, AskPassScript.ReplaceLineEndings("\n") + "\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var environment = new Dictionary<string, string>
        {
            ["GIT_ASKPASS"] = script,
            [UsernameVariable] = credentials.Username!,
            [PasswordVariable] = credentials.Password!,
        };

        // An empty helper list first: the machine's credential helpers must not answer in place of these credentials.
        return new(folder, environment, ["-c", "credential.helper="]);
    }

    private static GitCredentialSession StartSsh(string folder, string privateKey)
    {
        var keyFile = Path.Combine(folder, "id");
        var text = privateKey.ReplaceLineEndings("\n");
        WritePrivate(keyFile, text.EndsWith('\n') ? text : text + "\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var command = string.Create(
            CultureInfo.InvariantCulture,
            $"ssh -i '{keyFile.Replace("'", "'\\''", StringComparison.Ordinal)}' -o IdentitiesOnly=yes -o StrictHostKeyChecking=accept-new");
        return new(folder, new Dictionary<string, string> { ["GIT_SSH_COMMAND"] = command }, []);
    }

    private static void WritePrivate(string path, string content, UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using var writer = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options);
        writer.Write(content);
    }
}
