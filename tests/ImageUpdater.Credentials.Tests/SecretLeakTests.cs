using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ImageUpdater.Testing;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Credentials.Tests;

/// <summary>
/// Drives every credential path, success and failure, and searches everything observable for the secret in each form
/// it takes (plain, and inside base64 such as <c>base64(user:secret)</c>).
/// </summary>
public sealed class SecretLeakTests : IDisposable
{
    private const string Secret = "S3cr3t-Pa55w0rd-7f2c";
    private readonly TempDirectory _folder = new();
    private readonly FakeLogCollector _logs = new();
    private readonly List<string> _observed = [];

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task No_secret_appears_in_logs_exceptions_or_text_forms()
    {
        var okVariable = TestSupport.UniqueVariable();
        var badVariable = TestSupport.UniqueVariable();
        Environment.SetEnvironmentVariable(okVariable, "user:" + Secret);
        Environment.SetEnvironmentVariable(badVariable, Secret);

        var reader = new InMemorySecretReader()
            .Set("ns", "ok", new Dictionary<string, string> { ["creds"] = "user:" + Secret })
            .Set("ns", "bad", new Dictionary<string, string> { ["creds"] = Secret })
            .Set("ns", "pull-ok", new Dictionary<string, string> { [".dockerconfigjson"] = TestSupport.DockerConfig(("ghcr.io", "user", Secret)) })
            .Set("ns", "pull-nocolon", new Dictionary<string, string> { [".dockerconfigjson"] = $"{{\"auths\":{{\"ghcr.io\":{{\"auth\":\"{TestSupport.Base64(Secret)}\"}}}}}}" })
            .Set("ns", "pull-base64", new Dictionary<string, string> { [".dockerconfigjson"] = $"{{\"auths\":{{\"ghcr.io\":{{\"auth\":\"{Secret}!\"}}}}}}" })
            .Set("ns", "pull-json", new Dictionary<string, string> { [".dockerconfigjson"] = $"{{\"auths\":{{\"ghcr.io\":{{\"auth\":{Secret}}}}}}}" })
            .Set("ns", "pull-type", new Dictionary<string, string> { [".dockerconfigjson"] = $"{{\"auths\":{{\"ghcr.io\":[\"{Secret}\"]}}}}" });
        _folder.Write("bad-secret.yaml", $"kind: Secret\nmetadata:\n  name: file-bad\ndata:\n  creds: '{Secret}%'\n");
        var secretsFolder = _folder.Path;
        var dockerConfig = _folder.Write("config.json", TestSupport.DockerConfig(("ghcr.io", "user", Secret)));
        var badDockerConfig = _folder.Write("bad-config.json", $"{{\"auths\":{{\"ghcr.io\":{{\"auth\":\"{TestSupport.Base64(Secret)}\"}}}}}}");
        var scripts = new Dictionary<string, string>
        {
            ["ok"] = _folder.Script("ok.sh", $"echo user:{Secret}"),
            ["nocolon"] = _folder.Script("nocolon.sh", $"echo {Secret}"),
            ["fails"] = _folder.Script("fails.sh", $"echo user:{Secret}\necho {Secret} >&2\nexit 1"),
            ["slow"] = _folder.Script("slow.sh", $"echo user:{Secret}\necho {Secret} >&2\nsleep 30"),
            ["chatty"] = _folder.Script("chatty.sh", $"while true; do echo {Secret}; done"),
        };

        var options = new RegistryCredentialOptions { ExternalScriptTimeout = TimeSpan.FromMilliseconds(500), ExternalScriptMaxOutputBytes = 4096 };
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(_logs)).SetMinimumLevel(LogLevel.Trace));
        var resolver = new RegistryCredentialResolver(Options.Create(options), reader, TimeProvider.System, loggerFactory.CreateLogger<RegistryCredentialResolver>());
        var fileResolver = new RegistryCredentialResolver(
            Options.Create(options), new SecretFileReader(secretsFolder), TimeProvider.System, loggerFactory.CreateLogger<RegistryCredentialResolver>());
        var chained = new RegistryCredentialResolver(
            Options.Create(new RegistryCredentialOptions { FallbackSpecs = { "secret:ns/bad#creds" } }), reader, TimeProvider.System, loggerFactory.CreateLogger<RegistryCredentialResolver>());

        string[] succeeding = ["env:" + okVariable, "secret:ns/ok#creds", "pullsecret:ns/pull-ok", "dockerconfig:" + dockerConfig, "ext:" + scripts["ok"]];
        string[] failing =
        [
            "env:" + badVariable, "secret:ns/bad#creds", "pullsecret:ns/pull-nocolon", "pullsecret:ns/pull-base64",
            "pullsecret:ns/pull-json", "pullsecret:ns/pull-type", "ext:" + scripts["nocolon"], "ext:" + scripts["fails"],
            "ext:" + scripts["slow"], "ext:" + scripts["chatty"], "dockerconfig:" + badDockerConfig, "secret:ns/missing#creds",
        ];

        foreach (var spec in succeeding)
        {
            var credential = await resolver.ResolveAsync(Request(spec));
            Assert.Equal(Secret, credential.Password);
            Observe(credential.ToString());
            Observe((await resolver.ResolveAsync(Request(spec) with { ForceRefresh = true })).ToString());
        }

        foreach (var spec in failing)
        {
            Observe(await Assert.ThrowsAnyAsync<CredentialException>(() => resolver.ResolveAsync(Request(spec)).AsTask()));
        }

        Observe(await Assert.ThrowsAnyAsync<CredentialException>(() => fileResolver.ResolveAsync(Request("secret:default/file-bad#creds")).AsTask()));
        Observe(await Assert.ThrowsAnyAsync<CredentialException>(() => chained.ResolveAsync(Request("env:" + TestSupport.UniqueVariable())).AsTask()));
        Observe(await Assert.ThrowsAnyAsync<CredentialException>(() => chained.ResolveAsync(Request("pullsecret:ns/pull-nocolon")).AsTask()));
        Observe(await Assert.ThrowsAnyAsync<ConfigurationException>(() => new SecretFileReader(secretsFolder).ReadSecretAsync("default", "file-bad").AsTask()));

        foreach (var record in _logs.GetSnapshot())
        {
            Observe(record.Message);
            Observe(record.Exception);
            Observe(string.Join(";", record.StructuredState?.Select(kv => kv.Key + "=" + kv.Value) ?? []));
        }

        Assert.NotEmpty(_logs.GetSnapshot());
        Assert.True(_observed.Count > 40);
        Assert.All(_observed, text => Assert.Null(SecretForms.FindIn(text, Secret)));
    }

    private static RegistryCredentialRequest Request(string spec) => new() { Spec = spec, RegistryApiUrl = "https://ghcr.io" };

    private void Observe(string? text)
    {
        if (text is not null)
        {
            _observed.Add(text);
        }
    }

    private void Observe(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            Observe(current.Message);
            Observe(current.ToString());
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    Observe(inner);
                }
            }
        }
    }
}
