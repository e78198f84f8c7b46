using ImageUpdater.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ImageUpdater.Hosting.Tests;

/// <summary>A real generic host running the update loop over the real engine, with a fake clock and scripted seams.</summary>
internal sealed class LoopHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private LoopHarness(Action<UpdateLoopOptions> configure, IUpdateLeadership? leadership, bool withApplication)
    {
        Source = new ScriptedSource(Time);
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug));
        builder.Services.AddFakeLogging();
        builder.Services.AddSingleton<TimeProvider>(Time);
        if (leadership is not null)
        {
            builder.Services.AddSingleton(leadership);
        }

        builder.Services.AddSingleton<IApplicationSource>(Source);
        builder.Services.AddSingleton<IUpdatePolicyProvider>(new FixedPolicies(withApplication));
        builder.Services.AddSingleton<IImageResolver>(new FixedResolver());
        builder.Services.AddSingleton<IWriteBackHandler>(WriteBack);
        builder.Services.AddImageUpdater().AddUpdateLoop(configure);
        Host = builder.Build();
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public ScriptedSource Source { get; }

    public RecordingWriteBack WriteBack { get; } = new();

    public IHost Host { get; }

    public UpdateLoopReport Report => Host.Services.GetRequiredService<UpdateLoopStatus>().Current;

    public FakeLogCollector Logs => Host.Services.GetFakeLogCollector();

    /// <summary>Builds the host, lets the test script the fakes (before the first cycle can run), and starts it.</summary>
    public static async Task<LoopHarness> StartAsync(Action<UpdateLoopOptions> configure, IUpdateLeadership? leadership = null, bool withApplication = false, Action<LoopHarness>? arrange = null)
    {
        var harness = new LoopHarness(configure, leadership, withApplication);
        arrange?.Invoke(harness);
        await harness.Host.StartAsync(TestContext.Current.CancellationToken);
        return harness;
    }

    public async Task<HealthReport> CheckAsync(string tag) =>
        await Host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains(tag), TestContext.Current.CancellationToken);

    /// <summary>Waits (in real time, bounded) until the loop reaches a state.</summary>
    public async Task UntilAsync(Func<UpdateLoopReport, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition(Report))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the loop never reached the expected state; it is {Report}");
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Host.StopAsync(stop.Token);
        Host.Dispose();
    }
}
