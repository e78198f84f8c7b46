using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Hosting.Tests;

/// <summary>The hosted loop over the real engine, on a fake clock.</summary>
public sealed class UpdateLoopServiceTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Cycles_start_one_interval_apart_measured_from_start_to_start()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var loop = await LoopHarness.StartAsync(
            o => { o.Interval = Interval; o.WarmUp = false; },
            arrange: h => h.Source.Behaviour = (n, ct) => n == 2 ? release.Task.WaitAsync(ct) : Task.CompletedTask);

        Assert.Equal(LoopHarness.Start, (await loop.Source.NextCallAsync()).At);
        await loop.UntilAsync(r => r.Phase == UpdateLoopPhase.Waiting);
        loop.Time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        await loop.Source.AssertNoCallAsync();
        loop.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(LoopHarness.Start + Interval, (await loop.Source.NextCallAsync()).At);

        // The second cycle takes 30 s: the third still starts two minutes after the second started.
        loop.Time.Advance(TimeSpan.FromSeconds(30));
        release.SetResult();
        await loop.UntilAsync(r => r.Phase == UpdateLoopPhase.Waiting && r.CyclesCompleted == 2);
        loop.Time.Advance(TimeSpan.FromSeconds(90) - TimeSpan.FromMilliseconds(1));
        await loop.Source.AssertNoCallAsync();
        loop.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(LoopHarness.Start + (2 * Interval), (await loop.Source.NextCallAsync()).At);
    }

    [Fact]
    public async Task A_cycle_longer_than_the_interval_is_not_overlapped_and_the_next_follows_at_once()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The second cycle is held too, so that counting completed cycles does not race with it.
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var loop = await LoopHarness.StartAsync(
            o => { o.Interval = TimeSpan.FromMinutes(1); o.WarmUp = false; },
            arrange: h => h.Source.Behaviour = (n, ct) => n switch
            {
                1 => release.Task.WaitAsync(ct),
                2 => hold.Task.WaitAsync(ct),
                _ => Task.CompletedTask,
            });

        await loop.Source.NextCallAsync();
        loop.Time.Advance(TimeSpan.FromMinutes(3));
        await loop.Source.AssertNoCallAsync();
        Assert.Equal(UpdateLoopPhase.Cycling, loop.Report.Phase);

        release.SetResult();
        var second = await loop.Source.NextCallAsync();
        Assert.Equal(LoopHarness.Start + TimeSpan.FromMinutes(3), second.At);
        Assert.Equal(1, loop.Report.CyclesCompleted);
        hold.SetResult();
    }

    [Fact]
    public async Task A_zero_interval_runs_one_cycle_without_warm_up_and_stops_the_host()
    {
        await using var loop = await LoopHarness.StartAsync(o => { o.Interval = TimeSpan.Zero; o.WarmUp = true; }, withApplication: true);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await loop.Host.WaitForShutdownAsync(timeout.Token);

        Assert.Equal(1, loop.Source.Count);
        Assert.Equal(1, loop.WriteBack.Written);
        var report = loop.Report;
        Assert.Equal(UpdateLoopPhase.Stopped, report.Phase);
        Assert.False(report.WarmedUp);
        Assert.Equal(1, report.CyclesCompleted);
        Assert.True(report.LastResult!.Succeeded);
        Assert.Equal(1, report.LastSummary!.ImagesUpdated);
    }

    [Fact]
    public async Task A_cycle_that_throws_is_logged_and_the_loop_goes_on()
    {
        await using var loop = await LoopHarness.StartAsync(
            o => { o.Interval = Interval; o.WarmUp = false; },
            arrange: h => h.Source.Behaviour = (n, _) => n is 1 or 3 ? throw new InvalidOperationException($"cluster unreachable ({n})") : Task.CompletedTask);

        await loop.Source.NextCallAsync();
        await loop.UntilAsync(r => r.CyclesFailed == 1 && r.Phase == UpdateLoopPhase.Waiting);
        var ready = await loop.CheckAsync(UpdateLoopHealthChecks.ReadyTag);
        Assert.Equal(HealthStatus.Unhealthy, ready.Status);
        Assert.Equal(HealthStatus.Healthy, (await loop.CheckAsync(UpdateLoopHealthChecks.LiveTag)).Status);
        var logged = Assert.Single(loop.Logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Category == typeof(UpdateLoopService).FullName);
        Assert.Equal("Update cycle could not run: cluster unreachable (1)", logged.Message);
        Assert.IsType<InvalidOperationException>(logged.Exception);

        loop.Time.Advance(Interval);
        await loop.Source.NextCallAsync();
        await loop.UntilAsync(r => r.CyclesCompleted == 1 && r.Phase == UpdateLoopPhase.Waiting);
        Assert.Equal(HealthStatus.Healthy, (await loop.CheckAsync(UpdateLoopHealthChecks.ReadyTag)).Status);
        Assert.Null(loop.Report.LastFailure);

        loop.Time.Advance(Interval);
        await loop.Source.NextCallAsync();
        await loop.UntilAsync(r => r.CyclesFailed == 2 && r.Phase == UpdateLoopPhase.Waiting);
        ready = await loop.CheckAsync(UpdateLoopHealthChecks.ReadyTag);
        Assert.Equal(HealthStatus.Degraded, ready.Status);
        Assert.Contains("cluster unreachable (3)", ready.Entries[UpdateLoopHealthChecks.ReadinessCheckName].Description, StringComparison.Ordinal);

        loop.Time.Advance(Interval);
        Assert.Equal(4, (await loop.Source.NextCallAsync()).Number);
    }

    [Fact]
    public async Task Losing_leadership_cancels_the_running_write_and_the_loop_waits_to_lead_again()
    {
        var leadership = new ScriptedLeadership();
        await using var loop = await LoopHarness.StartAsync(
            o => { o.Interval = Interval; o.WarmUp = false; },
            leadership,
            withApplication: true,
            arrange: h => h.WriteBack.Behaviour = (n, ct) => n == 1 ? Task.Delay(Timeout.Infinite, ct) : Task.CompletedTask);

        await loop.UntilAsync(r => r.Phase == UpdateLoopPhase.StandingBy);
        await loop.Source.AssertNoCallAsync();
        leadership.Grant();
        var write = await loop.WriteBack.NextWriteAsync();

        leadership.Revoke();
        await loop.UntilAsync(r => r.CyclesCancelled == 1 && r.Phase == UpdateLoopPhase.StandingBy);
        Assert.True(write.IsCancellationRequested);
        Assert.Equal(0, loop.WriteBack.Written);
        Assert.Equal(2, leadership.Acquisitions);
        Assert.Contains(loop.Logs.GetSnapshot(), r => r.Message == "Leadership lost: update cycles stop until it is acquired again");

        // A standby replica writes nothing, however long it waits.
        loop.Time.Advance(3 * Interval);
        await Task.Delay(150, TestContext.Current.CancellationToken);
        Assert.Equal(1, loop.Source.Count);

        leadership.Grant();
        await loop.WriteBack.NextWriteAsync();
        await loop.UntilAsync(r => r.CyclesCompleted == 1);
        Assert.Equal(1, loop.WriteBack.Written);
        Assert.Equal(2, loop.Source.Count);
    }

    [Fact]
    public async Task Losing_leadership_while_waiting_stops_the_next_cycle_until_it_is_acquired_again()
    {
        var leadership = new ScriptedLeadership();
        await using var loop = await LoopHarness.StartAsync(o => { o.Interval = Interval; o.WarmUp = false; }, leadership);
        leadership.Grant();
        await loop.Source.NextCallAsync();
        await loop.UntilAsync(r => r.Phase == UpdateLoopPhase.Waiting);

        leadership.Revoke();
        await loop.UntilAsync(r => r.Phase == UpdateLoopPhase.StandingBy);
        loop.Time.Advance(Interval);
        await loop.Source.AssertNoCallAsync();

        leadership.Grant();
        Assert.Equal(2, (await loop.Source.NextCallAsync()).Number);
    }

    [Fact]
    public async Task The_warm_up_is_a_dry_run_before_leadership_and_a_warm_standby_is_ready()
    {
        var leadership = new ScriptedLeadership();
        await using var loop = await LoopHarness.StartAsync(o => { o.Interval = Interval; o.WarmUp = true; }, leadership, withApplication: true);

        await loop.Source.NextCallAsync();
        await loop.UntilAsync(r => r.WarmedUp && r.Phase == UpdateLoopPhase.StandingBy);
        Assert.Equal(0, loop.WriteBack.Started);
        Assert.Equal(0, loop.Report.CyclesCompleted);
        Assert.Equal(HealthStatus.Healthy, (await loop.CheckAsync(UpdateLoopHealthChecks.ReadyTag)).Status);
        Assert.Contains(loop.Logs.GetSnapshot(), r => r.Message.StartsWith("Finished cache warm-up: 1 application(s), 1 image(s)", StringComparison.Ordinal));

        leadership.Grant();
        await loop.Source.NextCallAsync();
        await loop.UntilAsync(r => r.CyclesCompleted == 1);
        Assert.Equal(1, loop.WriteBack.Written);
    }

    [Fact]
    public async Task Readiness_waits_for_the_first_cycle_and_liveness_fails_when_a_cycle_hangs()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var loop = await LoopHarness.StartAsync(
            o => { o.Interval = Interval; o.WarmUp = false; o.LivenessTimeout = TimeSpan.FromMinutes(10); },
            arrange: h => h.Source.Behaviour = (_, ct) => release.Task.WaitAsync(ct));
        await loop.Source.NextCallAsync();

        Assert.Equal(HealthStatus.Unhealthy, (await loop.CheckAsync(UpdateLoopHealthChecks.ReadyTag)).Status);
        Assert.Equal(HealthStatus.Healthy, (await loop.CheckAsync(UpdateLoopHealthChecks.LiveTag)).Status);
        loop.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HealthStatus.Healthy, (await loop.CheckAsync(UpdateLoopHealthChecks.LiveTag)).Status);
        loop.Time.Advance(TimeSpan.FromSeconds(1));
        var live = await loop.CheckAsync(UpdateLoopHealthChecks.LiveTag);
        Assert.Equal(HealthStatus.Unhealthy, live.Status);
        Assert.Equal("the update cycle has run for 601 s, longer than 600 s", live.Entries[UpdateLoopHealthChecks.LivenessCheckName].Description);

        // The cycle took longer than the interval: the next one follows at once (and finishes, released too).
        release.SetResult();
        await loop.UntilAsync(r => r.CyclesCompleted == 2 && r.Phase == UpdateLoopPhase.Waiting);
        Assert.Equal(HealthStatus.Healthy, (await loop.CheckAsync(UpdateLoopHealthChecks.LiveTag)).Status);
        var ready = await loop.CheckAsync(UpdateLoopHealthChecks.ReadyTag);
        Assert.Equal(HealthStatus.Healthy, ready.Status);
        Assert.Equal(0, ready.Entries[UpdateLoopHealthChecks.ReadinessCheckName].Data["applications"]);
    }

    [Fact]
    public async Task Stopping_the_host_cancels_a_running_cycle_cleanly()
    {
        var loop = await LoopHarness.StartAsync(
            o => { o.Interval = Interval; o.WarmUp = false; },
            arrange: h => h.Source.Behaviour = (_, ct) => Task.Delay(Timeout.Infinite, ct));
        var status = loop.Host.Services.GetRequiredService<UpdateLoopStatus>();
        var logs = loop.Logs;
        var call = await loop.Source.NextCallAsync();

        await loop.DisposeAsync();

        Assert.True(call.Token.IsCancellationRequested);
        Assert.Equal(UpdateLoopPhase.Stopped, status.Current.Phase);
        Assert.Equal(0, status.Current.CyclesFailed);
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
        Assert.Contains(logs.GetSnapshot(), r => r.Message == "Update loop stopped");
    }

    [Fact]
    public async Task Invalid_options_stop_the_host_at_start_naming_the_key()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => LoopHarness.StartAsync(o =>
        {
            o.Interval = TimeSpan.FromSeconds(-1);
            o.Cycle = o.Cycle with { MaxConcurrentApplications = 0 };
        }));

        Assert.Contains("UpdateLoopOptions.Interval must not be negative", failure.Message, StringComparison.Ordinal);
        Assert.Contains("UpdateLoopOptions.Cycle.MaxConcurrentApplications must be at least 1", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_the_loop_twice_registers_one_service_and_one_pair_of_checks()
    {
        var services = new ServiceCollection();
        services.AddImageUpdater().AddUpdateLoop(o => o.Interval = TimeSpan.FromMinutes(5)).AddUpdateLoop(o => o.WarmUp = false);

        Assert.Single(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(UpdateLoopService));
        using var provider = services.BuildServiceProvider();
        var checks = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.Equal([UpdateLoopHealthChecks.ReadinessCheckName, UpdateLoopHealthChecks.LivenessCheckName], checks.Select(c => c.Name).Order(StringComparer.Ordinal));
        var options = provider.GetRequiredService<IOptions<UpdateLoopOptions>>().Value;
        Assert.Equal(TimeSpan.FromMinutes(5), options.Interval);
        Assert.False(options.WarmUp);
    }
}
