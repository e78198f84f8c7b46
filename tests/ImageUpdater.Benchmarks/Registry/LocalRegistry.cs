using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ImageUpdater.Registry;

namespace ImageUpdater.Benchmarks.Registry;

/// <summary>An anonymous docker-registry on a free loopback port, and the pushes the scale scenario needs.</summary>
internal sealed class LocalRegistry : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private LocalRegistry(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(2) };
    }

    public Uri BaseUri { get; }

    public static async Task<LocalRegistry> StartAsync(string storage)
    {
        const string binary = "/usr/bin/docker-registry";
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"{binary} is missing; install it with: apt-get install -y docker-registry apache2-utils");
        }

        Directory.CreateDirectory(storage);
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var config = Path.Combine(storage, "config.yml");
        await File.WriteAllTextAsync(config, $$$"""
            version: 0.1
            log: {level: error, accesslog: {disabled: true}}
            storage: {filesystem: {rootdirectory: {{{storage}}}/data}, delete: {enabled: true}}
            http: {addr: 127.0.0.1:{{{port}}}, secret: scale}
            """);
        var process = Process.Start(new ProcessStartInfo(binary, ["serve", config]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var registry = new LocalRegistry(process, new Uri($"http://127.0.0.1:{port}"));
        for (var i = 0; ; i++)
        {
            try
            {
                using var response = await registry._http.GetAsync("/v2/");
                if (response.IsSuccessStatusCode)
                {
                    return registry;
                }
            }
            catch (HttpRequestException) when (i < 300)
            {
            }

            await Task.Delay(50);
        }
    }

    public async Task<string> PushBlobAsync(string repository, byte[] content)
    {
        var digest = Digest.Sha256Of(content).ToString();
        using var start = await _http.PostAsync($"/v2/{repository}/blobs/uploads/", null);
        Expect(start, HttpStatusCode.Accepted);
        var location = new Uri(BaseUri, start.Headers.Location!);
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var put = await _http.PutAsync(location + "&digest=" + Uri.EscapeDataString(digest), body);
        Expect(put, HttpStatusCode.Created);
        return digest;
    }

    public async Task PutManifestAsync(string repository, string reference, byte[] manifest)
    {
        using var body = new ByteArrayContent(manifest);
        body.Headers.ContentType = new MediaTypeHeaderValue(ManifestMediaTypes.OciManifest);
        using var put = await _http.PutAsync($"/v2/{repository}/manifests/{reference}", body);
        Expect(put, HttpStatusCode.Created);
    }

    /// <summary>Pushes one single-layer OCI image (not tagged) and returns its manifest.</summary>
    public async Task<byte[]> PushImageAsync(string repository, DateTimeOffset created)
    {
        var config = JsonSerializer.SerializeToUtf8Bytes(new
        {
            created = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            architecture = "amd64",
            os = "linux",
            config = new { Labels = new Dictionary<string, string> { ["org.opencontainers.image.created"] = created.ToString("O") } },
            rootfs = new { type = "layers", diff_ids = Array.Empty<string>() },
        });
        var layer = Encoding.UTF8.GetBytes(repository + created.ToUnixTimeSeconds());
        var configDigest = await PushBlobAsync(repository, config);
        var layerDigest = await PushBlobAsync(repository, layer);
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = ManifestMediaTypes.OciManifest,
            config = new { mediaType = "application/vnd.oci.image.config.v1+json", size = config.Length, digest = configDigest },
            layers = new[] { new { mediaType = "application/vnd.oci.image.layer.v1.tar+gzip", size = layer.Length, digest = layerDigest } },
        });
        await PutManifestAsync(repository, Digest.Sha256Of(manifest).ToString(), manifest);
        return manifest;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _http.Dispose();
    }

    private static void Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}");
        }
    }
}
