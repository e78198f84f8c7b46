using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ImageUpdater.Cli.Commands;
using ImageUpdater.Cli.Service;
using ImageUpdater.Cli.Tests.RegistryQueries;
using ImageUpdater.Engine;
using ImageUpdater.Hosting;
using ImageUpdater.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ImageUpdater.Cli.Tests.Service;

/// <summary><c>run</c> as a service: the loop over Application files and a real registry, probes and metrics over HTTP.</summary>
public sealed class ServiceHostTests(PublicRegistryFixture registry) : IClassFixture<PublicRegistryFixture>
{
    private static string HelmApp(string image, string tag) => $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: web
          namespace: argocd
          annotations:
            argocd-image-updater.argoproj.io/image-list: web={image}:~1
        spec:
          project: default
          source:
            repoURL: https://example.test/charts.git
            path: charts/web
            helm:
              parameters:
                - name: image.name
                  value: {image}
                  forceString: true
                - name: image.tag
                  value: "{tag}"
                  forceString: true
        status:
          summary:
            images:
              - {image}:{tag}
        """;

    [Fact]
    public async Task A_zero_interval_runs_one_cycle_through_the_host_and_exits_with_its_outcome()
    {
        using var apps = new TemporaryFolder("service-apps-");
        var file = apps.WriteFile("web.yaml", HelmApp(registry.Image("acme/web"), "1.0.0"));

        var (exitCode, output, error) = await CommandLineRunner.RunAsync(
            "run", "--apps", apps.Path, "--registries-conf", registry.RegistriesConf, "--interval", "0", "--health-port", "0", "--metrics-port", "0", "-o", "json");

        Assert.True(exitCode == 0, error + output);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1, json.RootElement.GetProperty("summary").GetProperty("imagesUpdated").GetInt32());
        Assert.Contains("value: \"1.2.0\"", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.DoesNotContain("Warming up", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zero_interval_cycle_that_fails_exits_with_1()
    {
        using var apps = new TemporaryFolder("service-apps-");
        apps.WriteFile("web.yaml", HelmApp(registry.Image("acme/missing"), "1.0.0"));

        var (exitCode, output, error) = await CommandLineRunner.RunAsync(
            "run", "--apps", apps.Path, "--registries-conf", registry.RegistriesConf, "--interval", "0s", "--health-port", "0", "--metrics-port", "0");

        Assert.True(exitCode == ExitCodes.RuntimeFailure, error + output);
        Assert.Contains("argocd/web: failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_interval_is_invalid_input_naming_the_flag()
    {
        var (exitCode, _, error) = await CommandLineRunner.RunAsync("run", "--apps", ".", "--interval", "5x");

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains("error: --interval '5x' has the unknown unit 'x'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_serves_probes_and_prometheus_metrics_of_its_cycles()
    {
        using var apps = new TemporaryFolder("service-apps-");
        apps.WriteFile("web.yaml", HelmApp(registry.Image("acme/web"), "1.0.0"));
        var (healthPort, metricsPort) = (FreePort(), FreePort());
        using var log = new StringWriter();
        using var host = ServiceHost.Build(
            new RunRequest { AppsDirectory = apps.Path, RegistriesConfPath = registry.RegistriesConf },
            new ServiceSettings { Interval = TimeSpan.FromHours(1), HealthPort = healthPort, MetricsPort = metricsPort, ListenAddress = IPAddress.Loopback },
            log);
        await host.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var ready = await UntilStatusAsync(http, $"http://127.0.0.1:{healthPort}/readyz", HttpStatusCode.OK);
            Assert.Equal("Healthy", ready);

            // Ready already after the warm-up; the first real cycle follows it at once.
            var status = host.Services.GetRequiredService<UpdateLoopStatus>();
            await UntilAsync(() => status.Current.CyclesCompleted >= 1);
            Assert.True(status.Current.WarmedUp);
            Assert.Equal(1, status.Current.LastSummary!.ImagesUpdated);

            using var live = await http.GetAsync($"http://127.0.0.1:{healthPort}/healthz", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);

            var metrics = await http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics", TestContext.Current.CancellationToken);
            Assert.Matches("(?m)^imageupdater_images_updated_total\\{[^}]*application=\"argocd/web\"[^}]*\\} 1$", metrics);
            Assert.Matches("(?m)^imageupdater_cycle_duration_seconds_count\\{[^}]*\\} [1-9]", metrics);
            Assert.Matches("(?m)^imageupdater_applications_watched\\{[^}]*\\} 1$", metrics);
            Assert.Matches("(?m)^imageupdater_registry_requests_total\\{[^}]*kind=\"tags\"[^}]*status=\"200\"", metrics);

            // Each endpoint answers on its own port only.
            using var metricsOnHealthPort = await http.GetAsync($"http://127.0.0.1:{healthPort}/metrics", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, metricsOnHealthPort.StatusCode);
            using var probeOnMetricsPort = await http.GetAsync($"http://127.0.0.1:{metricsPort}/healthz", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, probeOnMetricsPort.StatusCode);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }

        Assert.Contains("info: Finished cache warm-up", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_is_503_until_the_first_cycle_finishes_while_healthz_stays_200()
    {
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var slowRegistry = await LoopbackServer.StartAsync(async context =>
        {
            // A registry that holds every request until the test lets it answer (404: the image does not exist).
            await answer.Task.WaitAsync(TimeSpan.FromSeconds(30));
            context.Response.StatusCode = 404;
        });
        using var apps = new TemporaryFolder("service-apps-");
        apps.WriteFile("web.yaml", HelmApp(slowRegistry.Authority + "/acme/web", "1.0.0"));
        var conf = apps.WriteFile("registries.conf.yaml", $"registries:\n- name: slow\n  api_url: {slowRegistry.BaseUri.GetLeftPart(UriPartial.Authority)}\n  prefix: {slowRegistry.Authority}\n");
        var healthPort = FreePort();
        using var log = new StringWriter();
        using var host = ServiceHost.Build(
            new RunRequest { AppsDirectory = Path.Combine(apps.Path), RegistriesConfPath = conf, Cycle = new CycleOptions { ImageTimeout = TimeSpan.FromSeconds(60) } },
            new ServiceSettings { Interval = TimeSpan.FromHours(1), HealthPort = healthPort, MetricsPort = 0, WarmUp = false, ListenAddress = IPAddress.Loopback },
            log);
        await host.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var status = host.Services.GetRequiredService<UpdateLoopStatus>();
            await UntilAsync(() => status.Current.Phase == UpdateLoopPhase.Cycling);

            using var notReady = await http.GetAsync($"http://127.0.0.1:{healthPort}/readyz", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Equal("Unhealthy", await notReady.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            using var live = await http.GetAsync($"http://127.0.0.1:{healthPort}/healthz", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);

            answer.SetResult();
            Assert.Equal("Healthy", await UntilStatusAsync(http, $"http://127.0.0.1:{healthPort}/readyz", HttpStatusCode.OK));
            Assert.Equal(1, status.Current.LastSummary!.Failed);
        }
        finally
        {
            answer.TrySetResult();
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition was never met");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<string> UntilStatusAsync(HttpClient http, string url, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await http.GetAsync(url, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (response.StatusCode == expected)
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{url} answered {(int)response.StatusCode} {body}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
