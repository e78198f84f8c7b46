using ImageUpdater.Engine;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Kubernetes;

/// <summary>
/// Leadership held on a coordination.k8s.io <c>Lease</c> with KubernetesClient's <see cref="LeaderElector"/>: only the
/// replica holding the Lease runs cycles. The token returned by <see cref="AcquireAsync"/> is cancelled as soon as the
/// elector stops leading (a renewal failed for <see cref="LeaseLeadershipOptions.RenewDeadline"/>, or the Lease was
/// taken), so a running cycle stops writing; the next <see cref="AcquireAsync"/> competes for the Lease again.
/// </summary>
public sealed partial class LeaseLeadership : IUpdateLeadership, IAsyncDisposable, IDisposable
{
    private readonly KubernetesCluster _cluster;
    private readonly LeaseLeadershipOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposed = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Term? _term;

    internal LeaseLeadership(KubernetesCluster cluster, IOptions<LeaseLeadershipOptions> options, ILogger<LeaseLeadership>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        _cluster = cluster;
        _options = options.Value;
        _logger = logger ?? NullLogger<LeaseLeadership>.Instance;
        Identity = string.IsNullOrEmpty(_options.Identity)
            ? Environment.MachineName + "_" + Guid.NewGuid().ToString("N")[..8]
            : _options.Identity;
    }

    /// <summary>Gets this replica's identity in the Lease.</summary>
    public string Identity { get; }

    /// <summary>Gets a value indicating whether this replica holds the Lease now.</summary>
    public bool IsLeader => _term is { Leading: { IsCompletedSuccessfully: true }, Lost.IsCancellationRequested: false };

    /// <inheritdoc />
    public async ValueTask<CancellationToken> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            var term = await CurrentTermAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await term.Leading.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Nobody waits for this term any more: stop competing, so that no replica holds a Lease it does not use.
                await term.StopAsync().ConfigureAwait(false);
                throw;
            }
            catch (OperationCanceledException)
            {
                // The term ended before it led (the elector stopped): compete again with a new one.
            }
        }
    }

    private async Task<Term> CurrentTermAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_term is null || _term.Lost.IsCancellationRequested)
            {
                if (_term is { } old)
                {
                    await old.StopAsync().ConfigureAwait(false);
                    old.Dispose();
                }

                _term = StartTerm();
            }

            return _term;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops competing and leading. The Lease is not released: another replica takes it when it expires.</summary>
    /// <returns>A task that completes when the elector has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        if (_term is { } term)
        {
            await term.StopAsync().ConfigureAwait(false);
            term.Dispose();
        }

        _disposed.Dispose();
        _gate.Dispose();
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private Term StartTerm()
    {
        var ns = string.IsNullOrEmpty(_options.LeaseNamespace) ? _cluster.ArgoCdNamespace : _options.LeaseNamespace;
        var config = new LeaderElectionConfig(new LeaseLock(_cluster.Client, ns, _options.LeaseName, Identity))
        {
            LeaseDuration = _options.LeaseDuration,
            RenewDeadline = _options.RenewDeadline,
            RetryPeriod = _options.RetryPeriod,
        };
        var term = new Term(new LeaderElector(config), CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token));
        term.Elector.OnStartedLeading += () =>
        {
            LogStartedLeading(_logger, Identity, ns, _options.LeaseName);
            term.StartLeading();
        };
        term.Elector.OnStoppedLeading += () =>
        {
            LogStoppedLeading(_logger, Identity, ns, _options.LeaseName);
            term.LoseLeadership();
        };
        term.Elector.OnError += ex => LogLeaseError(_logger, ns, _options.LeaseName, ex.Message);
        term.Run = Task.Run(async () =>
        {
            try
            {
                await term.Elector.RunUntilLeadershipLostAsync(term.Stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
            finally
            {
                term.LoseLeadership();
            }
        });
        return term;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} leads: it holds Lease {Namespace}/{Lease}")]
    private static partial void LogStartedLeading(ILogger logger, string identity, string @namespace, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Identity} lost Lease {Namespace}/{Lease}; running cycles are stopped")]
    private static partial void LogStoppedLeading(ILogger logger, string identity, string @namespace, string lease);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Lease {Namespace}/{Lease}: {Reason}")]
    private static partial void LogLeaseError(ILogger logger, string @namespace, string lease, string reason);

    /// <summary>One attempt to lead: from competing for the Lease to losing it.</summary>
    private sealed class Term(LeaderElector elector, CancellationTokenSource stopping) : IDisposable
    {
        private readonly TaskCompletionSource<CancellationToken> _leading = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _lost = new();

        public LeaderElector Elector { get; } = elector;

        public CancellationTokenSource Stopping { get; } = stopping;

        public Task Run { get; set; } = Task.CompletedTask;

        public Task<CancellationToken> Leading => _leading.Task;

        public CancellationToken Lost => _lost.Token;

        public void StartLeading() => _leading.TrySetResult(_lost.Token);

        public void LoseLeadership()
        {
            // A term that never led ends too, so that the next AcquireAsync starts a new one.
            _leading.TrySetCanceled();
            try
            {
                _lost.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Already disposed.
            }
        }

        public async Task StopAsync()
        {
            try
            {
                await Stopping.CancelAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            await Run.ConfigureAwait(false);
        }

        public void Dispose()
        {
            Elector.Dispose();
            Stopping.Dispose();
            _lost.Dispose();
        }
    }
}
