using System.Threading.Channels;
using ImageUpdater.Applications;
using ImageUpdater.Engine;
using ImageUpdater.Policies;

namespace ImageUpdater.Hosting.Tests;

/// <summary>One start of a cycle as the source saw it: when (on the fake clock) and with which token.</summary>
internal sealed record SourceCall(int Number, DateTimeOffset At, CancellationToken Token);

/// <summary>An application source that records each read and runs a per-read behaviour (block, throw).</summary>
internal sealed class ScriptedSource(TimeProvider time) : IApplicationSource
{
    private readonly Channel<SourceCall> _calls = Channel.CreateUnbounded<SourceCall>();
    private int _count;

    public Func<int, CancellationToken, Task>? Behaviour { get; set; }

    public int Count => Volatile.Read(ref _count);

    public async ValueTask<ApplicationSourceSnapshot> ReadAsync(CancellationToken cancellationToken = default)
    {
        var number = Interlocked.Increment(ref _count);
        _calls.Writer.TryWrite(new SourceCall(number, time.GetUtcNow(), cancellationToken));
        if (Behaviour is { } behaviour)
        {
            await behaviour(number, cancellationToken);
        }

        return ApplicationSourceSnapshot.Empty;
    }

    public async Task<SourceCall> NextCallAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        return await _calls.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Asserts that no cycle starts within a short real-time wait (the fake clock does not move).</summary>
    public async Task AssertNoCallAsync()
    {
        await Task.Delay(150, TestContext.Current.CancellationToken);
        Assert.False(_calls.Reader.TryPeek(out var call), $"cycle {call?.Number} started at {call?.At:O}");
    }
}

/// <summary>The policies of one application whose image 1.0.0 can go to 2.0.0, or none.</summary>
internal sealed class FixedPolicies(bool withApplication) : IUpdatePolicyProvider
{
    public ValueTask<UpdatePolicySet> GetPoliciesAsync(ApplicationSourceSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        if (!withApplication)
        {
            return ValueTask.FromResult(UpdatePolicySet.Empty);
        }

        var application = new ArgoApplication
        {
            Name = "web",
            Namespace = "argocd",
            LiveImages = ["registry.test/acme/web:1.0.0"],
            Source = new ApplicationSource { RepositoryUrl = "https://example.test/repo.git", Path = "apps/web" },
        };
        var policy = new ApplicationUpdatePolicy
        {
            Application = application,
            Images = [new ImageUpdatePolicy(ImageReference.Parse("registry.test/acme/web"), new ImageUpdateSettings { Strategy = TagStrategyNames.Semver }, ImageManifestTarget.Default)],
            Source = new ApplicationSourceSelection(application.Source, 0, ApplicationSourceType.Helm),
            Origin = "test",
            WriteBack = WriteBackPolicy.Default with { Method = WriteBackMethod.ArgoCd },
        };
        return ValueTask.FromResult(new UpdatePolicySet { Applications = [ApplicationPolicyResult.Ready(policy)] });
    }
}

/// <summary>A resolver that always selects 2.0.0.</summary>
internal sealed class FixedResolver : IImageResolver, IImageResolutionPass
{
    public IImageResolutionPass BeginPass() => this;

    public ValueTask<ImageResolution> ResolveAsync(ImageResolutionRequest request, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new ImageResolution { Image = request.Image.Image, Strategy = request.Image.Settings.Strategy, Selected = new TagInfo("2.0.0") });

    public void Dispose()
    {
    }
}

/// <summary>An Argo CD write-back that records each write and runs a per-write behaviour (block until cancelled).</summary>
internal sealed class RecordingWriteBack : IWriteBackHandler
{
    private readonly Channel<CancellationToken> _writes = Channel.CreateUnbounded<CancellationToken>();
    private int _written;

    public WriteBackMethod Method => WriteBackMethod.ArgoCd;

    public Func<int, CancellationToken, Task>? Behaviour { get; set; }

    public int Started { get; private set; }

    public int Written => Volatile.Read(ref _written);

    public async ValueTask<IReadOnlyList<WriteBackResult>> WriteAsync(IReadOnlyList<ApplicationChangeSet> changes, CancellationToken cancellationToken = default)
    {
        Started++;
        _writes.Writer.TryWrite(cancellationToken);
        if (Behaviour is { } behaviour)
        {
            await behaviour(Started, cancellationToken);
        }

        Interlocked.Increment(ref _written);
        return changes.Select(static c => WriteBackResult.Written(c, "patched")).ToList();
    }

    public async Task<CancellationToken> NextWriteAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        return await _writes.Reader.ReadAsync(timeout.Token);
    }
}

/// <summary>Leadership granted and revoked by the test, one lease at a time.</summary>
internal sealed class ScriptedLeadership : IUpdateLeadership
{
    private readonly Lock _gate = new();
    private TaskCompletionSource<CancellationToken> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _lease;

    public int Acquisitions { get; private set; }

    public async ValueTask<CancellationToken> AcquireAsync(CancellationToken cancellationToken)
    {
        Task<CancellationToken> next;
        lock (_gate)
        {
            Acquisitions++;
            next = _next.Task;
        }

        return await next.WaitAsync(cancellationToken);
    }

    public void Grant()
    {
        lock (_gate)
        {
            _lease = new CancellationTokenSource();
            _next.SetResult(_lease.Token);
        }
    }

    public void Revoke()
    {
        lock (_gate)
        {
            _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _lease!.Cancel();
        }
    }
}
