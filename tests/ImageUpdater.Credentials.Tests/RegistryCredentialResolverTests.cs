using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ImageUpdater.Credentials.Tests;

public sealed class RegistryCredentialResolverTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly CountingSecretReader _reader = new();

    [Fact]
    public async Task Caches_until_the_expiry_has_passed()
    {
        var resolver = Resolver();
        var request = Request() with { Expiry = TimeSpan.FromMinutes(5) };
        _reader.Value = "u:first";

        Assert.Equal("first", (await resolver.ResolveAsync(request)).Password);
        _reader.Value = "u:second";
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal("first", (await resolver.ResolveAsync(request)).Password);
        Assert.Equal(1, _reader.Reads);

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("second", (await resolver.ResolveAsync(request)).Password);
        Assert.Equal(2, _reader.Reads);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    public async Task Without_expiry_credentials_are_kept(int? minutes)
    {
        var resolver = Resolver();
        var request = Request() with { Expiry = minutes is { } m ? TimeSpan.FromMinutes(m) : null };
        _reader.Value = "u:p";

        await resolver.ResolveAsync(request);
        _time.Advance(TimeSpan.FromDays(365));
        await resolver.ResolveAsync(request);

        Assert.Equal(1, _reader.Reads);
    }

    [Fact]
    public async Task Force_refresh_reads_again()
    {
        var resolver = Resolver();
        _reader.Value = "u:old";
        await resolver.ResolveAsync(Request());
        _reader.Value = "u:new";

        var refreshed = await resolver.ResolveAsync(Request() with { ForceRefresh = true });
        var cached = await resolver.ResolveAsync(Request());

        Assert.Equal("new", refreshed.Password);
        Assert.Equal("new", cached.Password);
        Assert.Equal(2, _reader.Reads);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_read()
    {
        var resolver = Resolver();
        _reader.Value = "u:p";
        _reader.Gate = new TaskCompletionSource();

        var callers = Enumerable.Range(0, 20)
            .Select(i => resolver.ResolveAsync(Request() with { ForceRefresh = i % 2 == 0 }).AsTask())
            .ToArray();
        await _reader.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _reader.Gate.SetResult();
        var credentials = await Task.WhenAll(callers);

        Assert.Equal(1, _reader.Reads);
        Assert.All(credentials, c => Assert.Same(credentials[0], c));
    }

    [Fact]
    public async Task A_caller_can_stop_waiting_without_cancelling_the_shared_read()
    {
        var resolver = Resolver();
        _reader.Value = "u:p";
        _reader.Gate = new TaskCompletionSource();
        using var cancel = new CancellationTokenSource();

        var impatient = resolver.ResolveAsync(Request(), cancel.Token).AsTask();
        var patient = resolver.ResolveAsync(Request()).AsTask();
        await _reader.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        _reader.Gate.SetResult();

        Assert.Equal("p", (await patient).Password);
        Assert.Equal(1, _reader.Reads);
    }

    [Fact]
    public async Task Failures_are_not_cached()
    {
        var resolver = Resolver();
        _reader.Value = "no-colon";
        await Assert.ThrowsAsync<CredentialException>(() => resolver.ResolveAsync(Request()).AsTask());

        _reader.Value = "u:p";
        var credential = await resolver.ResolveAsync(Request());

        Assert.Equal("p", credential.Password);
        Assert.Equal(2, _reader.Reads);
    }

    [Fact]
    public async Task Specs_and_registries_are_cached_apart()
    {
        var resolver = Resolver();
        _reader.Value = "u:p";

        await resolver.ResolveAsync(Request());
        await resolver.ResolveAsync(Request() with { RegistryApiUrl = "https://quay.io" });
        await resolver.ResolveAsync(Request() with { RegistryApiUrl = "https://quay.io/" });

        Assert.Equal(2, _reader.Reads);
    }

    [Fact]
    public async Task Invalid_specs_fail()
    {
        var error = await Assert.ThrowsAsync<CredentialException>(() => Resolver().ResolveAsync(Request() with { Spec = "secrets:a/b#c" }).AsTask());

        Assert.Equal("unknown credential source: secrets", error.Message);
    }

    [Fact]
    public async Task Fallback_specs_are_tried_when_the_spec_has_nothing()
    {
        using var folder = new TempDirectory();
        var config = folder.Write("config.json", TestSupport.DockerConfig(("ghcr.io", "docker", "config")));
        var options = new RegistryCredentialOptions { FallbackSpecs = { "dockerconfig:" + config } };
        var resolver = Resolver(options);

        var credential = await resolver.ResolveAsync(Request() with { Spec = "env:" + TestSupport.UniqueVariable() });

        Assert.Equal("docker", credential.Username);
    }

    [Fact]
    public async Task Reader_errors_become_credential_errors_naming_the_secret()
    {
        _reader.Failure = new InvalidOperationException("boom");

        var error = await Assert.ThrowsAsync<CredentialException>(() => Resolver().ResolveAsync(Request()).AsTask());

        Assert.Equal("could not fetch secret 's' from namespace 'ns' (field: 'creds'): boom", error.Message);
    }

    private RegistryCredentialResolver Resolver(RegistryCredentialOptions? options = null) =>
        new(Options.Create(options ?? new RegistryCredentialOptions()), _reader, _time, NullLogger<RegistryCredentialResolver>.Instance);

    private static RegistryCredentialRequest Request() => new() { Spec = "secret:ns/s#creds", RegistryApiUrl = "https://ghcr.io" };

    private sealed class CountingSecretReader : ISecretReader
    {
        private int _reads;

        public string Value { get; set; } = string.Empty;

        public TaskCompletionSource? Gate { get; set; }

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Exception? Failure { get; set; }

        public int Reads => Volatile.Read(ref _reads);

        public async ValueTask<IReadOnlyDictionary<string, byte[]>?> ReadSecretAsync(string @namespace, string name, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            Started.TrySetResult();
            if (Gate is { } gate)
            {
                await gate.Task;
            }

            if (Failure is { } failure)
            {
                throw failure;
            }

            return new Dictionary<string, byte[]> { ["creds"] = System.Text.Encoding.UTF8.GetBytes(Value) };
        }
    }
}
