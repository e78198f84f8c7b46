using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ImageUpdater.Testing;

/// <summary>
/// Smart HTTP for one <see cref="BareRepository"/>: Basic auth with <see cref="User"/>/<see cref="Password"/> in
/// front of the real <c>git http-backend</c> (run as a CGI program), on a <see cref="LoopbackServer"/>.
/// </summary>
public sealed class GitHttpServer : IAsyncDisposable
{
    public const string User = "git-user";
    public const string Password = "git-s3cret-pw";

    private readonly LoopbackServer _server;

    private GitHttpServer(LoopbackServer server, string repositoryName)
    {
        _server = server;
        Url = new Uri(server.BaseUri, repositoryName).AbsoluteUri;
    }

    /// <summary>Gets the repository's URL, without credentials.</summary>
    public string Url { get; }

    /// <summary>Gets the Authorization headers received, <c>-</c> when none (to check what a client sent).</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    public static async Task<GitHttpServer> StartAsync(BareRepository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        GitHttpServer? self = null;
        var server = await LoopbackServer.StartAsync(context => self!.HandleAsync(context, repository.ParentFolder));
        self = new GitHttpServer(server, repository.Name);
        return self;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static string Expected => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"));

    private async Task HandleAsync(HttpContext context, string projectRoot)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        Authorizations.Enqueue(authorization.Length == 0 ? "-" : authorization);
        if (authorization != Expected)
        {
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"git\"";
            return;
        }

        var start = new ProcessStartInfo("git", "http-backend")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment["GIT_PROJECT_ROOT"] = projectRoot;
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["REMOTE_USER"] = User;
        start.Environment["REQUEST_METHOD"] = context.Request.Method;
        start.Environment["PATH_INFO"] = context.Request.Path.Value;
        start.Environment["QUERY_STRING"] = context.Request.QueryString.Value?.TrimStart('?') ?? "";
        start.Environment["CONTENT_TYPE"] = context.Request.ContentType ?? "";
        start.Environment["HTTP_CONTENT_ENCODING"] = context.Request.Headers.ContentEncoding.ToString();
        start.Environment["GIT_PROTOCOL"] = context.Request.Headers["Git-Protocol"].ToString();
        using var process = Process.Start(start)!;
        var input = Task.Run(async () =>
        {
            await context.Request.Body.CopyToAsync(process.StandardInput.BaseStream);
            process.StandardInput.Close();
        });
        var output = process.StandardOutput.BaseStream;
        await ReadCgiHeadersAsync(output, context.Response);
        await output.CopyToAsync(context.Response.Body);
        await input;
        await process.WaitForExitAsync();
    }

    private static async Task ReadCgiHeadersAsync(Stream output, HttpResponse response)
    {
        while (await ReadLineAsync(output) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                response.StatusCode = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                response.ContentType = MediaTypeHeaderValue.Parse(value).ToString();
            }
            else
            {
                response.Headers.Append(name, value);
            }
        }
    }

    // Byte by byte: the body after the blank line must stay in the stream.
    private static async Task<string> ReadLineAsync(Stream stream)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1 && one[0] != '\n')
        {
            if (one[0] != '\r')
            {
                line.Append((char)one[0]);
            }
        }

        return line.ToString();
    }
}
