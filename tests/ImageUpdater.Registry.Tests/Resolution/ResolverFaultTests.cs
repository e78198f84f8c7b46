using ImageUpdater.Engine;
using ImageUpdater.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static ImageUpdater.Registry.Tests.Resolution.ResolverFixture;

namespace ImageUpdater.Registry.Tests.Resolution;

/// <summary>Failures the real registry cannot show, from a loopback server, and the validation of registries.conf.</summary>
public sealed class ResolverFaultTests
{
    [Fact]
    public async Task A_registry_answering_500_after_every_retry_is_a_transport_error()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = context.Request.Path == "/v2/" ? 200 : 500;
            return Task.CompletedTask;
        });
        using var services = Services(Conf(server));

        var resolution = await ResolveAsync(services, Request(server.Authority + "/acme/app", ImageUpdateSettings.Default));

        Assert.Equal(UpdateErrorKind.Transport, resolution.Error?.Kind);
        Assert.Contains("HTTP 500", resolution.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_tag_list_is_invalid_content()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(context.Request.Path == "/v2/" ? "{}" : """{"name":"acme/app","tags":[1,""");
        });
        using var services = Services(Conf(server));

        var resolution = await ResolveAsync(services, Request(server.Authority + "/acme/app", ImageUpdateSettings.Default));

        Assert.Equal(UpdateErrorKind.InvalidContent, resolution.Error?.Kind);
        Assert.Contains("tag list", resolution.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registry_answering_429_after_every_retry_is_rate_limited()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = context.Request.Path == "/v2/" ? 200 : 429;
            return Task.CompletedTask;
        });
        using var services = Services(Conf(server));

        var resolution = await ResolveAsync(services, Request(server.Authority + "/acme/app", ImageUpdateSettings.Default));

        Assert.Equal(UpdateErrorKind.RateLimited, resolution.Error?.Kind);
    }

    [Fact]
    public void A_bad_registries_conf_file_stops_the_start_naming_file_line_and_key()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "registries.conf");
        File.WriteAllText(path, "registries:\n- name: ghcr\n  api_url: https://ghcr.io\n  prefix: ghcr.io\n  limits: 5\n");
        var collection = new ServiceCollection();
        collection.AddImageUpdater().AddTagStrategies().AddRegistryClient(configureRegistries: r => r.ConfigurationPath = path);
        using var services = collection.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(path + ":5", error.Message, StringComparison.Ordinal);
        Assert.Contains("limits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_and_an_inline_text_together_are_refused()
    {
        var collection = new ServiceCollection();
        collection.AddImageUpdater().AddTagStrategies().AddRegistryClient(configureRegistries: r =>
        {
            r.ConfigurationPath = "/etc/registries.conf";
            r.ConfigurationText = "registries: []";
        });
        using var services = collection.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("not both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_resolver_needs_a_tag_selection_planner()
    {
        var collection = new ServiceCollection();
        collection.AddImageUpdater().AddRegistryClient();
        using var services = collection.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IImageResolver>());

        Assert.Contains("AddTagStrategies", error.Message, StringComparison.Ordinal);
    }

    private static string Conf(LoopbackServer server) =>
        $"registries:\n- name: loopback\n  api_url: {server.BaseUri.GetLeftPart(UriPartial.Authority)}\n  prefix: {server.Authority}\n";
}
