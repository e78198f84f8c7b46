using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ImageUpdater.Registry;

namespace ImageUpdater.Testing;

/// <summary>
/// Debian's <c>docker-registry</c> (CNCF distribution 2.8) on a free loopback port with its own storage folder, and
/// helpers that push images through the distribution API. Fails (never skips) when the binary is missing.
/// </summary>
/// <remarks>
/// docker-registry 2.8 ignores tag-list paging (<c>n</c>, <c>last</c>, <c>Link</c>) and lists tags unsorted: test
/// paging against a <see cref="LoopbackServer"/> instead.
/// </remarks>
public sealed class DistributionRegistry : IAsyncDisposable
{
    public const string User = "alice";
    public const string Password = "s3cret-pass";
    private const string Binary = "/usr/bin/docker-registry";

    private readonly Process _process;
    private readonly string _folder;
    private readonly bool _ownsFolder;
    private readonly HttpClient _http;
    private readonly TokenIssuer? _tokens;

    private DistributionRegistry(Process process, string folder, bool ownsFolder, Uri baseUri, DistributionRegistryOptions options, TokenIssuer? tokens)
    {
        _process = process;
        _folder = folder;
        _ownsFolder = ownsFolder;
        BaseUri = baseUri;
        Auth = options.Auth;
        _tokens = tokens;
        _http = new HttpClient { BaseAddress = baseUri, Timeout = options.RequestTimeout };
    }

    /// <summary>The registry's API URL, <c>http://127.0.0.1:PORT</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The registry part of an image reference served here, <c>127.0.0.1:PORT</c>.</summary>
    public string Authority => BaseUri.Authority;

    public RegistryAuth Auth { get; }

    public TokenIssuer? Tokens => _tokens;

    public static Task<DistributionRegistry> StartAsync(RegistryAuth auth = RegistryAuth.Anonymous) =>
        StartAsync(new DistributionRegistryOptions { Auth = auth });

    public static async Task<DistributionRegistry> StartAsync(DistributionRegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing; install it with: apt-get install -y docker-registry apache2-utils");
        }

        var auth = options.Auth;
        var ownsFolder = options.StorageFolder is null;
        var folder = options.StorageFolder is { } storage
            ? Directory.CreateDirectory(storage).FullName
            : Directory.CreateTempSubdirectory("reg-fixture-").FullName;
        var port = FreePort();
        var config = new StringBuilder();
        config.AppendLine("version: 0.1");
        config.AppendLine("log: {level: error, accesslog: {disabled: true}}");
        config.AppendLine($"storage: {{filesystem: {{rootdirectory: {folder}/data}}, delete: {{enabled: true}}}}");
        config.AppendLine($"http: {{addr: 127.0.0.1:{port}, secret: fixture-secret}}");
        TokenIssuer? tokens = null;
        switch (auth)
        {
            case RegistryAuth.Basic:
                // The password goes through standard input (-i), never onto a command line.
                var htpasswd = await RunAsync("htpasswd", $"-nBi {User}", Password);
                await File.WriteAllTextAsync(Path.Combine(folder, "htpasswd"), htpasswd);
                config.AppendLine($"auth: {{htpasswd: {{realm: test-realm, path: {folder}/htpasswd}}}}");
                break;
            case RegistryAuth.Bearer:
                tokens = new TokenIssuer(User, Password);
                await tokens.StartAsync();
                await File.WriteAllTextAsync(Path.Combine(folder, "root.pem"), tokens.CertificatePem);
                config.AppendLine($"auth: {{token: {{realm: \"{tokens.Realm}\", service: {TokenIssuer.Service}, issuer: {TokenIssuer.Issuer}, rootcertbundle: {folder}/root.pem}}}}");
                break;
        }

        var configPath = Path.Combine(folder, "config.yml");
        await File.WriteAllTextAsync(configPath, config.ToString());
        var process = Process.Start(new ProcessStartInfo(Binary, ["serve", configPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new DistributionRegistry(process, folder, ownsFolder, new Uri($"http://127.0.0.1:{port}"), options, tokens);
        try
        {
            await registry.WaitUntilReadyAsync();
        }
        catch
        {
            // A registry that never became ready must not outlive the failed start.
            await registry.DisposeAsync();
            throw;
        }

        return registry;
    }

    public async Task<string> PushBlobAsync(string repository, byte[] content)
    {
        var digest = Digest.Sha256Of(content).ToString();
        using var start = await SendAsync(repository, HttpMethod.Post, $"/v2/{repository}/blobs/uploads/", null, null);
        Expect(start, HttpStatusCode.Accepted);
        var location = new Uri(BaseUri, start.Headers.Location!);
        var upload = location + (location.Query.Length > 0 ? "&" : "?") + "digest=" + Uri.EscapeDataString(digest);
        using var put = await SendAsync(repository, HttpMethod.Put, upload, content, "application/octet-stream");
        Expect(put, HttpStatusCode.Created);
        return digest;
    }

    public async Task<string> PushManifestAsync(string repository, string reference, string mediaType, byte[] manifest)
    {
        using var put = await SendAsync(repository, HttpMethod.Put, $"/v2/{repository}/manifests/{reference}", manifest, mediaType);
        Expect(put, HttpStatusCode.Created);
        return Digest.Sha256Of(manifest).ToString();
    }

    /// <summary>Pushes a one-layer image and tags it; returns the manifest digest and bytes.</summary>
    public async Task<(string Digest, byte[] Manifest)> PushImageAsync(string repository, IEnumerable<string> tags, DateTimeOffset created, Platform? platform = null, IReadOnlyDictionary<string, string>? labels = null, bool oci = true)
    {
        var p = platform ?? new Platform("linux", "amd64");
        var config = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["created"] = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'"),
            ["architecture"] = p.Architecture,
            ["os"] = p.Os,
            ["variant"] = string.IsNullOrEmpty(p.Variant) ? null : p.Variant,
            ["config"] = new { Labels = labels ?? new Dictionary<string, string>() },
            ["rootfs"] = new { type = "layers", diff_ids = Array.Empty<string>() },
        });
        var layer = Encoding.UTF8.GetBytes("layer " + repository + " " + created.ToUnixTimeMilliseconds() + " " + p);
        var configDigest = await PushBlobAsync(repository, config);
        var layerDigest = await PushBlobAsync(repository, layer);
        var mediaType = oci ? ManifestMediaTypes.OciManifest : ManifestMediaTypes.DockerManifest;
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType,
            config = new { mediaType = oci ? "application/vnd.oci.image.config.v1+json" : "application/vnd.docker.container.image.v1+json", size = config.Length, digest = configDigest },
            layers = new[] { new { mediaType = oci ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.docker.image.rootfs.diff.tar.gzip", size = layer.Length, digest = layerDigest } },
        });
        var digest = Digest.Sha256Of(manifest).ToString();
        await PushManifestAsync(repository, digest, mediaType, manifest);
        foreach (var tag in tags)
        {
            await PushManifestAsync(repository, tag, mediaType, manifest);
        }

        return (digest, manifest);
    }

    /// <summary>Pushes an index over images built for each platform with its own creation time.</summary>
    public async Task<(string Digest, byte[] Manifest)> PushIndexAsync(string repository, IEnumerable<string> tags, IReadOnlyList<(Platform Platform, DateTimeOffset Created, IReadOnlyDictionary<string, string>? Labels)> children, bool oci = true)
    {
        var descriptors = new List<object>();
        foreach (var child in children)
        {
            var (digest, manifest) = await PushImageAsync(repository, [], child.Created, child.Platform, child.Labels, oci);
            descriptors.Add(new
            {
                mediaType = oci ? ManifestMediaTypes.OciManifest : ManifestMediaTypes.DockerManifest,
                size = manifest.Length,
                digest,
                platform = new Dictionary<string, string>
                {
                    ["architecture"] = child.Platform.Architecture,
                    ["os"] = child.Platform.Os,
                }.Concat(string.IsNullOrEmpty(child.Platform.Variant) ? [] : [new KeyValuePair<string, string>("variant", child.Platform.Variant)]).ToDictionary(),
            });
        }

        var mediaType = oci ? ManifestMediaTypes.OciIndex : ManifestMediaTypes.DockerManifestList;
        var index = JsonSerializer.SerializeToUtf8Bytes(new { schemaVersion = 2, mediaType, manifests = descriptors });
        var indexDigest = Digest.Sha256Of(index).ToString();
        await PushManifestAsync(repository, indexDigest, mediaType, index);
        foreach (var tag in tags)
        {
            await PushManifestAsync(repository, tag, mediaType, index);
        }

        return (indexDigest, index);
    }

    /// <summary>
    /// A <c>registries.conf</c> whose one entry serves images named <c>127.0.0.1:PORT/...</c> from this registry over
    /// plain HTTP; without it an image with this registry host is inferred as <c>https://127.0.0.1:PORT</c>.
    /// </summary>
    public string RegistriesConf(string? credentials = null, int? limit = null)
    {
        var yaml = new StringBuilder();
        yaml.Append("registries:\n");
        yaml.Append("- name: test registry\n");
        yaml.Append($"  api_url: {BaseUri.GetLeftPart(UriPartial.Authority)}\n");
        yaml.Append($"  prefix: {Authority}\n");
        if (credentials is not null)
        {
            yaml.Append($"  credentials: {credentials}\n");
        }

        if (limit is not null)
        {
            yaml.Append($"  limit: {limit}\n");
        }

        return yaml.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        finally
        {
            _process.Dispose();
            _http.Dispose();
            if (_tokens is not null)
            {
                await _tokens.DisposeAsync();
            }

            if (_ownsFolder)
            {
                try
                {
                    Directory.Delete(_folder, recursive: true);
                }
                catch (IOException)
                {
                    // A leftover temporary folder is harmless.
                }
            }
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string repository, HttpMethod method, string uri, byte[]? content, string? contentType)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (content is not null)
        {
            request.Content = new ByteArrayContent(content);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType!);
        }

        switch (Auth)
        {
            case RegistryAuth.Basic:
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + Password)));
                break;
            case RegistryAuth.Bearer:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens!.Mint($"repository:{repository}:pull,push"));
                break;
        }

        return await _http.SendAsync(request);
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited with code {_process.ExitCode} before it was ready.");
            }

            try
            {
                using var response = await _http.GetAsync("/v2/");
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("docker-registry did not answer /v2/ within 15 seconds.");
            }

            await Task.Delay(25);
        }
    }

    private static void Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> RunAsync(string file, string arguments, string standardInput)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException($"Could not start {file}; install it with: apt-get install -y docker-registry apache2-utils");
        await process.StandardInput.WriteLineAsync(standardInput);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output.Trim() + "\n" : throw new InvalidOperationException($"{file} failed with code {process.ExitCode}");
    }
}
