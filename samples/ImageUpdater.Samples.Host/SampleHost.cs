using ImageUpdater.Annotations.Files;
using ImageUpdater.Engine;
using ImageUpdater.WriteBack.Git.Applications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Samples.Host;

/// <summary>The sample: a generic host that composes ImageUpdater the way an application would, and runs one cycle.</summary>
public static class SampleHost
{
    /// <summary>Builds the host from <paramref name="args"/> and appsettings.json, runs one cycle and prints it.</summary>
    /// <param name="args">Command-line configuration, such as <c>--ImageUpdater:DryRun=false</c>.</param>
    /// <param name="output">Where the result is printed.</param>
    /// <returns>0 when every application succeeded, 1 otherwise, 2 when the configuration is invalid.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            // appsettings.json and apps/ are copied next to the program: find them wherever it is started from.
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Every setting comes from the "ImageUpdater" section; the provider extensions bind their options from it.
        var settings = builder.Configuration.GetSection("ImageUpdater");
        builder.Services.AddImageUpdater()
            .AddTagStrategies()
            .AddRegistryClient(
                configure: client => settings.GetSection("RegistryClient").Bind(client),
                configureRegistries: registries => settings.GetSection("Registries").Bind(registries))
            .AddRegistryCredentials(credentials => settings.GetSection("Credentials").Bind(credentials))
            .AddFileApplications(applications => settings.GetSection("Applications").Bind(applications))
            .AddRepositoryLiveImages()
            .AddGitWriteBack(git => settings.GetSection("Git").Bind(git))
            .AddArgoCdWriteBack()
            .AddFileApplicationStore(store => settings.GetSection("Applications").Bind(store));

        // A relative folder in appsettings.json is relative to the program, not to the current directory.
        builder.Services.PostConfigure<FileApplicationSourceOptions>(o => o.Directory = Path.GetFullPath(o.Directory, builder.Environment.ContentRootPath));
        builder.Services.PostConfigure<FileApplicationStoreOptions>(o => o.Directory = Path.GetFullPath(o.Directory, builder.Environment.ContentRootPath));

        using var host = builder.Build();
        try
        {
            // Starting the host runs the options validators (ValidateOnStart): a bad registries.conf or a missing
            // folder is reported here, before any request.
            await host.StartAsync().ConfigureAwait(false);
        }
        catch (OptionsValidationException invalid)
        {
            await output.WriteLineAsync("invalid configuration: " + invalid.Failures.First()).ConfigureAwait(false);
            return 2;
        }

        var engine = host.Services.GetRequiredService<UpdateEngine>();
        var cycle = new CycleOptions { DryRun = settings.GetValue("DryRun", defaultValue: true) };
        var result = await engine.RunCycleAsync(cycle).ConfigureAwait(false);
        await output.WriteAsync(Describe(result)).ConfigureAwait(false);
        await host.StopAsync().ConfigureAwait(false);
        return result.Succeeded ? 0 : 1;
    }

    /// <summary>One line per application and image, then the totals.</summary>
    public static string Describe(CycleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new System.Text.StringBuilder();
        foreach (var error in result.Errors)
        {
            text.AppendLine("error: " + error.Message);
        }

        foreach (var application in result.Applications)
        {
            text.AppendLine($"{application.Namespace}/{application.Name}: {application.Outcome}");
            foreach (var error in application.Errors)
            {
                text.AppendLine("  error: " + error.Message);
            }

            foreach (var image in application.Images)
            {
                var what = image.Error is { } error ? "error: " + error.Message
                    : image.Updated ? $"{image.Current ?? "(not running)"} -> {image.Selected}{(result.DryRun ? " (dry run)" : string.Empty)}"
                    : image.Reason;
                text.AppendLine($"  {image.Image}: {what}");
            }
        }

        var summary = result.Summary;
        text.AppendLine($"{summary.Applications} application(s), {summary.ImagesUpdated} of {summary.ImagesConsidered} image(s) {(result.DryRun ? "would be updated" : "updated")}, {summary.Errors} error(s)");
        return text.ToString();
    }
}
