using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageUpdater.Credentials;

/// <summary>
/// <c>ext:/absolute/path</c>: runs an executable with no arguments and reads <c>user:pass</c> from the last line of its
/// output. The run is bounded in time and output size; the script's error output is read and discarded, never logged,
/// and nothing secret is ever put on a command line.
/// </summary>
public sealed partial class ExternalScriptCredentialSource : RegistryCredentialSource
{
    private readonly RegistryCredentialOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates the source.</summary>
    /// <param name="path">The executable's absolute path.</param>
    /// <param name="options">The timeout, output cap and allowed folders.</param>
    /// <param name="timeProvider">Measures the timeout.</param>
    /// <param name="logger">Logs runs (never output).</param>
    public ExternalScriptCredentialSource(string path, RegistryCredentialOptions? options = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        _options = options ?? new RegistryCredentialOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Gets the executable's path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override async ValueTask<RegistryCredential> GetCredentialAsync(string registryApiUrl, CancellationToken cancellationToken = default)
    {
        // The reference requires a path starting with "/".
        if (!Path.StartsWith('/'))
        {
            throw new CredentialException($"path to script must be absolute, but is '{Path}'");
        }

        if (_options.AllowedScriptDirectories.Count > 0 && !IsInAllowedDirectory(Path))
        {
            throw new CredentialException($"script {Path} is not in an allowed directory ({string.Join(", ", _options.AllowedScriptDirectories)})");
        }

        if (!File.Exists(Path))
        {
            throw new CredentialUnavailableException($"could not stat {Path}: no such file or directory");
        }

        var output = await RunAsync(cancellationToken).ConfigureAwait(false);
        var lastLine = output.Split('\n').Select(line => line.TrimEnd('\r')).LastOrDefault(line => line.Length > 0) ?? string.Empty;
        return TrySplitUserPassword(lastLine, out var credential, requireBoth: false)
            ? credential!
            : throw new CredentialException("invalid script output, must be single line with syntax <username>:<password>");
    }

    /// <summary>Returns the spec form.</summary>
    /// <returns><c>ext:/path</c>.</returns>
    public override string ToString() => "ext:" + Path;

    private async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Path)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new CredentialException($"error executing {Path}: {ex.Message}", ex);
        }

        var started = _timeProvider.GetTimestamp();
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(_options.ExternalScriptTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var discardErrors = process.StandardError.BaseStream.CopyToAsync(Stream.Null, linked.Token);
        try
        {
            var output = await ReadCappedAsync(process.StandardOutput.BaseStream, _options.ExternalScriptMaxOutputBytes, linked.Token).ConfigureAwait(false);
            if (output is null)
            {
                Kill(process);
                throw new CredentialException($"error executing {Path}: output exceeds {_options.ExternalScriptMaxOutputBytes} bytes");
            }

            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            await discardErrors.ConfigureAwait(false);
            var elapsedMilliseconds = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
            LogScriptExited(_logger, Path, process.ExitCode, elapsedMilliseconds);
            return process.ExitCode == 0
                ? output
                : throw new CredentialException($"error executing {Path}: exit status {process.ExitCode}");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Kill(process);
            LogScriptTimedOut(_logger, Path, _options.ExternalScriptTimeout.TotalSeconds);
            throw new CredentialException($"error executing {Path}: timed out after {_options.ExternalScriptTimeout.TotalSeconds:0.###}s");
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }
    }

    // Returns null when the output is larger than the cap.
    private static async Task<string?> ReadCappedAsync(Stream stream, int cap, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > cap)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (InvalidOperationException)
        {
            // It exited on its own meanwhile.
        }
    }

    private bool IsInAllowedDirectory(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        return _options.AllowedScriptDirectories.Any(directory =>
        {
            var root = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(directory)) + System.IO.Path.DirectorySeparatorChar;
            return full.StartsWith(root, StringComparison.Ordinal);
        });
    }
}
