using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ImageUpdater.Testing;

/// <summary>
/// A token endpoint as docker-registry's token auth expects: RS256 JWTs whose header carries the signing certificate
/// in <c>x5c</c>, with iss/aud/exp/nbf/access claims. Valid Basic credentials get what they ask for; no credentials
/// get pull-only (anonymous) tokens; wrong credentials get 401.
/// </summary>
public sealed class TokenIssuer : IAsyncDisposable
{
    public const string Issuer = "test-issuer";
    public const string Service = "test-registry";

    private readonly RSA _key;
    private readonly X509Certificate2 _certificate;
    private LoopbackServer? _server;
    private int _issued;

    public TokenIssuer(string user, string password, int expiresInSeconds = 300)
    {
        User = user;
        Password = password;
        ExpiresInSeconds = expiresInSeconds;
        _key = RSA.Create(2048);
        var request = new CertificateRequest("CN=test token issuer", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: false));
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    public string User { get; }

    public string Password { get; set; }

    public int ExpiresInSeconds { get; }

    public int Issued => _issued;

    public Uri Realm => new(_server!.BaseUri, "/token");

    public string CertificatePem => _certificate.ExportCertificatePem();

    public async Task StartAsync() => _server = await LoopbackServer.StartAsync(HandleAsync);

    public string Mint(string scope)
    {
        var access = new List<object>();
        foreach (var part in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split(':');
            if (pieces.Length == 3)
            {
                access.Add(new { type = pieces[0], name = pieces[1], actions = pieces[2].Split(',') });
            }
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new { alg = "RS256", typ = "JWT", x5c = new[] { Convert.ToBase64String(_certificate.RawData) } };
        var claims = new { iss = Issuer, sub = User, aud = Service, exp = now + ExpiresInSeconds, nbf = now - 60, iat = now, jti = Guid.NewGuid().ToString("N"), access };
        var signingInput = Base64Url(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Interlocked.Increment(ref _issued);
        return signingInput + "." + Base64Url(signature);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _certificate.Dispose();
        _key.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var scope = string.Join(' ', context.Request.Query["scope"].Select(s => s ?? string.Empty));
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..]));
            if (pair != User + ":" + Password)
            {
                context.Response.StatusCode = 401;
                return;
            }
        }
        else
        {
            // Anonymous callers may only pull.
            scope = string.Join(' ', scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => s[..(s.LastIndexOf(':') + 1)] + "pull"));
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsJsonAsync(new { token = Mint(scope), expires_in = ExpiresInSeconds, issued_at = DateTimeOffset.UtcNow.ToString("O") });
    }

    private static string Base64Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
