using System.Collections.Concurrent;
using ImageUpdater.Applications;
using ImageUpdater.Engine;
using ImageUpdater.Policies;

namespace ImageUpdater.Core.Tests.Engine;

/// <summary>In-memory fakes of the engine's seams.</summary>
internal static class EngineFakes
{
    public static ApplicationPolicyResult App(string name, string images, string live, WriteBackMethod method = WriteBackMethod.ArgoCd, string strategy = TagStrategyNames.Semver, bool force = false, string ns = "argocd")
    {
        var application = new ArgoApplication
        {
            Name = name,
            Namespace = ns,
            LiveImages = live.Split(',', StringSplitOptions.RemoveEmptyEntries),
            Source = new ApplicationSource { RepositoryUrl = "https://example.test/repo.git", Path = "apps/" + name },
        };
        var policies = images.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(i => new ImageUpdatePolicy(
                ImageReference.Parse(i),
                new ImageUpdateSettings { Strategy = strategy, ForceUpdate = force, Constraint = strategy == TagStrategyNames.Digest ? "latest" : null },
                ImageManifestTarget.Default))
            .ToList();
        return ApplicationPolicyResult.Ready(new ApplicationUpdatePolicy
        {
            Application = application,
            Images = policies,
            Source = new ApplicationSourceSelection(application.Source, 0, ApplicationSourceType.Helm),
            Origin = "test",
            WriteBack = WriteBackPolicy.Default with { Method = method },
        });
    }

    public static UpdateEngine NewEngine(
        IEnumerable<ApplicationPolicyResult> applications,
        IImageResolver resolver,
        params IWriteBackHandler[] handlers) =>
        NewEngine(new PolicySet(new UpdatePolicySet { Applications = applications.ToList() }), resolver, handlers);

    public static UpdateEngine NewEngine(IUpdatePolicyProvider policies, IImageResolver resolver, IWriteBackHandler[] handlers, Microsoft.Extensions.Logging.ILogger<UpdateEngine>? logger = null, System.Diagnostics.Metrics.IMeterFactory? meters = null) =>
        new(new EmptySource(), policies, resolver, new StatusImages(), handlers, new UpdateEngineMetrics(meters ?? new TestMeterFactory()), TimeProvider.System, logger);

    public sealed class EmptySource : IApplicationSource
    {
        public ValueTask<ApplicationSourceSnapshot> ReadAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(ApplicationSourceSnapshot.Empty);
    }

    public sealed class PolicySet(UpdatePolicySet set) : IUpdatePolicyProvider
    {
        public ValueTask<UpdatePolicySet> GetPoliciesAsync(ApplicationSourceSnapshot snapshot, CancellationToken cancellationToken = default) => ValueTask.FromResult(set);
    }

    public sealed class StatusImages : ILiveImageReader
    {
        public ValueTask<IReadOnlyList<ImageReference>> ReadAsync(ApplicationUpdatePolicy policy, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<ImageReference>>(policy.Application.LiveImages.Select(ImageReference.Parse).ToList());
    }

    /// <summary>A resolver answering from a function, counting calls and the most images resolved at once.</summary>
    public sealed class Resolver(Func<ImageResolutionRequest, CancellationToken, Task<ImageResolution>> resolve) : IImageResolver, IImageResolutionPass
    {
        private int _running;

        public ConcurrentBag<ImageResolutionRequest> Requests { get; } = [];

        public int Passes { get; private set; }

        public int MostAtOnce { get; private set; }

        public static Resolver Tags(Func<string, TagInfo?> choose) => new((request, _) => Task.FromResult(new ImageResolution
        {
            Image = request.Image.Image,
            Strategy = request.Image.Settings.Strategy,
            Selected = choose(request.Image.Image.FullName),
        }));

        public IImageResolutionPass BeginPass()
        {
            Passes++;
            return this;
        }

        public async ValueTask<ImageResolution> ResolveAsync(ImageResolutionRequest request, CancellationToken cancellationToken = default)
        {
            Requests.Add(request);
            var running = Interlocked.Increment(ref _running);
            lock (Requests)
            {
                MostAtOnce = Math.Max(MostAtOnce, running);
            }

            try
            {
                return await resolve(request, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }

        public void Dispose()
        {
        }
    }

    /// <summary>A write-back handler recording every call, answering per application from a function.</summary>
    public sealed class Handler(WriteBackMethod method, Func<ApplicationChangeSet, WriteBackResult>? answer = null) : IWriteBackHandler
    {
        public WriteBackMethod Method => method;

        public List<IReadOnlyList<ApplicationChangeSet>> Calls { get; } = [];

        public ValueTask<IReadOnlyList<WriteBackResult>> WriteAsync(IReadOnlyList<ApplicationChangeSet> changes, CancellationToken cancellationToken = default)
        {
            Calls.Add(changes);
            return ValueTask.FromResult<IReadOnlyList<WriteBackResult>>(changes.Select(c => answer?.Invoke(c) ?? WriteBackResult.Written(c, "commit abc")).ToList());
        }
    }

    public sealed class TestMeterFactory : System.Diagnostics.Metrics.IMeterFactory
    {
        private readonly List<System.Diagnostics.Metrics.Meter> _meters = [];

        public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options)
        {
            var meter = new System.Diagnostics.Metrics.Meter(options.Name, options.Version, options.Tags, this);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }
        }
    }
}
