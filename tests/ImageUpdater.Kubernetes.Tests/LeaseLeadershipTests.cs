using System.Diagnostics;
using System.Text.Json.Nodes;
using ImageUpdater.Engine;
using ImageUpdater.Kubernetes.Tests.Fakes;
using ImageUpdater.Testing;

namespace ImageUpdater.Kubernetes.Tests;

/// <summary>Two replicas, one Lease on the in-test API server.</summary>
public sealed class LeaseLeadershipTests
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan RenewDeadline = TimeSpan.FromMilliseconds(1000);
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMilliseconds(2000);

    private static ServiceProvider Replica(string kubeconfig, string identity) =>
        Cluster.Services(kubeconfig, "unused", more: b => b.AddKubernetesLeaderElection(o =>
        {
            o.Identity = identity;
            o.LeaseName = "image-updater-test";
            o.RetryPeriod = Retry;
            o.RenewDeadline = RenewDeadline;
            o.LeaseDuration = LeaseDuration;
        }));

    [Fact]
    public async Task Only_one_replica_leads_and_stopping_it_hands_over()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var folder = new TemporaryFolder("kube-");
        var kubeconfig = api.WriteKubeconfig(folder);
        var ct = TestContext.Current.CancellationToken;
        var first = Replica(kubeconfig, "replica-a");
        await using var second = Replica(kubeconfig, "replica-b");
        var a = first.GetRequiredService<IUpdateLeadership>();
        var b = second.GetRequiredService<IUpdateLeadership>();
        Assert.IsType<LeaseLeadership>(a);

        var aLeads = await a.AcquireAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
        var bWaits = b.AcquireAsync(ct).AsTask();

        // Several renew periods pass: A keeps the Lease, B keeps waiting.
        await Task.Delay(LeaseDuration + LeaseDuration, ct);
        Assert.False(bWaits.IsCompleted);
        Assert.False(aLeads.IsCancellationRequested);
        Assert.Equal("replica-a", (string?)api.Get("coordination.k8s.io", "leases", "argocd", "image-updater-test")!["spec"]!["holderIdentity"]);

        // A stops (its pod is deleted): B takes over once the Lease expires.
        var stopped = Stopwatch.StartNew();
        await first.DisposeAsync();
        var bLeads = await bWaits.WaitAsync(TimeSpan.FromSeconds(15), ct);
        Assert.False(bLeads.IsCancellationRequested);
        Assert.True(stopped.Elapsed < LeaseDuration + TimeSpan.FromSeconds(5), stopped.Elapsed.ToString());
        Assert.Equal("replica-b", (string?)api.Get("coordination.k8s.io", "leases", "argocd", "image-updater-test")!["spec"]!["holderIdentity"]);
    }

    [Fact]
    public async Task Losing_the_lease_cancels_the_leaders_token_within_the_renew_deadline_and_it_competes_again()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var folder = new TemporaryFolder("kube-");
        var ct = TestContext.Current.CancellationToken;
        await using var services = Replica(api.WriteKubeconfig(folder), "replica-a");
        var leadership = services.GetRequiredService<IUpdateLeadership>();
        var leading = await leadership.AcquireAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
        var lost = new TaskCompletionSource();
        leading.Register(() => lost.TrySetResult());

        // Another replica takes the Lease (as after a network partition): A cannot renew it any more.
        var taken = Stopwatch.StartNew();
        api.Mutate("coordination.k8s.io", "leases", "argocd", "image-updater-test", lease =>
        {
            lease["spec"]!["holderIdentity"] = "intruder";
            lease["spec"]!["leaseDurationSeconds"] = 3600;
            lease["spec"]!["renewTime"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture);
        });
        await lost.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.True(taken.Elapsed < RenewDeadline + Retry + TimeSpan.FromSeconds(1), taken.Elapsed.ToString());
        Assert.False(((LeaseLeadership)leadership).IsLeader);

        // It competes again and does not lead while the intruder holds the Lease.
        var again = leadership.AcquireAsync(ct).AsTask();
        await Task.Delay(LeaseDuration, ct);
        Assert.False(again.IsCompleted);
    }
}
