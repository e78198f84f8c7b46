using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ImageUpdater.Testing;

namespace ImageUpdater.Benchmarks.Scale;

/// <summary>
/// Debian's <c>docker-registry</c> over the scale storage with its access log on, written to a file (not read by this
/// process while a pass runs, so parsing it costs the measured client nothing). Counts requests by kind from the log.
/// </summary>
internal sealed class AccessLogRegistry : IAsyncDisposable
{
    private const string Binary = "/usr/bin/docker-registry";
    private readonly Process _process;
    private readonly string _logPath;
    private long _offset;

    private AccessLogRegistry(Process process, string logPath, Uri baseUri)
    {
        _process = process;
        _logPath = logPath;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public int ProcessId => _process.Id;

    /// <summary>Gets the <c>User-Agent</c> of the last request counted.</summary>
    public string? LastUserAgent { get; private set; }

    public static async Task<AccessLogRegistry> StartAsync(string storage)
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var config = Path.Combine(storage, "config-accesslog.yml");
        var log = Path.Combine(storage, "access.log");
        await File.WriteAllTextAsync(config, $$$"""
            version: 0.1
            log: {level: error, accesslog: {disabled: false}}
            storage: {filesystem: {rootdirectory: {{{storage}}}/data}, delete: {enabled: true}}
            http: {addr: 127.0.0.1:{{{port}}}, secret: scale-secret}

            """);

        // exec: the shell becomes the registry, so the process id sampled is the registry's own.
        var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "exec \"$0\" serve \"$1\" > \"$2\" 2>&1", Binary, config, log])
        {
            UseShellExecute = false,
        })!;
        var registry = new AccessLogRegistry(process, log, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(registry.BaseUri, "/v2/"));
                if (response.IsSuccessStatusCode)
                {
                    return registry;
                }
            }
            catch (HttpRequestException) when (attempt < 100)
            {
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Forgets what the log holds so far; the next <see cref="CountAsync"/> counts only later requests.</summary>
    public async Task MarkAsync()
    {
        await SettleAsync();
        _offset = new FileInfo(_logPath).Length;
    }

    /// <summary>Counts the requests logged since the last mark by kind, after the log stops growing.</summary>
    public async Task<Dictionary<string, long>> CountAsync()
    {
        await SettleAsync();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var stream = new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(_offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync() is { } line)
        {
            // Combined log format: host - - [time] "GET /v2/... HTTP/1.1" 200 123 "referer" "user agent"
            var open = line.IndexOf('"', StringComparison.Ordinal);
            var close = open < 0 ? -1 : line.IndexOf('"', open + 1);
            if (close < 0)
            {
                continue;
            }

            var request = line[(open + 1)..close].Split(' ');
            if (request.Length < 2)
            {
                continue;
            }

            var kind = new LoggedRequest(request[0], new Uri(BaseUri, request[1]), false).Kind;
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
            var agentEnd = line.LastIndexOf('"');
            var agentStart = agentEnd > 0 ? line.LastIndexOf('"', agentEnd - 1) : -1;
            LastUserAgent = agentStart >= 0 ? line[(agentStart + 1)..agentEnd] : null;
        }

        return counts;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    // The registry writes a line when a response completes; wait until the file stops growing.
    private async Task SettleAsync()
    {
        var length = -1L;
        for (var quiet = 0; quiet < 3;)
        {
            await Task.Delay(100);
            var now = new FileInfo(_logPath).Length;
            quiet = now == length ? quiet + 1 : 0;
            length = now;
        }
    }
}
