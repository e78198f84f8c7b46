using System.CommandLine;
using ImageUpdater.Cli.Display;
using ImageUpdater.Cli.Service;
using ImageUpdater.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Cli.Commands;

/// <summary>
/// <c>image-updater run --once --apps DIR</c>: one update cycle over the Application and ImageUpdater files under a
/// folder, writing back through git or into the Application files, with no cluster needed. Without <c>--once</c> the
/// same cycle runs every <c>--interval</c> as a service (<see cref="ServiceHost"/>).
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var once = new Option<bool>("--once") { Description = "Run one update cycle and exit." };
        var apps = new Option<string?>("--apps")
        {
            Description = "Folder of Application and ImageUpdater manifests (*.yaml, *.yml, *.json) to update, with no cluster.",
            HelpName = "DIR",
        };
        var registriesConf = new Option<string?>("--registries-conf-path", "--registries-conf")
        {
            Description = "Path to a registries.conf (YAML) describing registries, credentials and limits.",
            HelpName = "PATH",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Resolve and report the updates without writing anything." };
        var maxConcurrentApps = new Option<int>("--max-concurrent-apps")
        {
            Description = "How many applications are processed at the same time.",
            DefaultValueFactory = _ => CycleOptions.Default.MaxConcurrentApplications,
            HelpName = "N",
        };
        maxConcurrentApps.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--max-concurrent-apps must be at least 1.");
            }
        });
        var commitUser = new Option<string?>("--git-commit-user") { Description = "Author name of write-back commits.", HelpName = "NAME" };
        var commitEmail = new Option<string?>("--git-commit-email") { Description = "Author e-mail of write-back commits.", HelpName = "EMAIL" };
        var commitMessagePath = new Option<string?>("--git-commit-message-path")
        {
            Description = "Go text/template file for commit messages (.AppName, .AppChanges); see 'image-updater template'.",
            HelpName = "PATH",
        };
        var secretsDirectory = new Option<string?>("--secrets-dir")
        {
            Description = "Folder of Kubernetes Secret YAML files that secret: and pullsecret: credentials are read from.",
            HelpName = "DIR",
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Output format: text or json (the cycle result).",
            DefaultValueFactory = _ => "text",
        };
        output.AcceptOnlyFromAmong("text", "json");
        var service = new ServiceOptions();

        var command = new Command("run", "Run update cycles: resolve every configured image and write the updates back, once or every --interval.")
        {
            once, apps, registriesConf, dryRun, maxConcurrentApps, commitUser, commitEmail, commitMessagePath, secretsDirectory, output,
        };
        var cluster = ClusterOptions.AddTo(command);
        foreach (var option in service.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var request = new RunRequest
            {
                AppsDirectory = parseResult.GetValue(apps) ?? string.Empty,
                RegistriesConfPath = parseResult.GetValue(registriesConf),
                CommitUser = parseResult.GetValue(commitUser),
                CommitEmail = parseResult.GetValue(commitEmail),
                CommitMessagePath = parseResult.GetValue(commitMessagePath),
                SecretsDirectory = parseResult.GetValue(secretsDirectory),
                Json = parseResult.GetRequiredValue(output) == "json",
                Cycle = new CycleOptions { DryRun = parseResult.GetValue(dryRun), MaxConcurrentApplications = parseResult.GetValue(maxConcurrentApps) },
            };
            var configuration = parseResult.InvocationConfiguration;
            if (request.AppsDirectory.Length == 0)
            {
                // Without --apps: Applications and ImageUpdater resources from the cluster.
                request = request with { Cluster = cluster.Read(parseResult) };
            }
            else
            {
                RequireAppsDirectory(request);
            }

            if (!parseResult.GetValue(once))
            {
                // Without --once: the update loop as a service, with health probes and metrics.
                var settings = service.Read(parseResult, Environment.GetEnvironmentVariable);
                return await ServiceHost.RunAsync(request, settings, configuration.Output, configuration.Error, cancellationToken).ConfigureAwait(false);
            }

            return await RunAsync(request, configuration.Output, configuration.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static void RequireAppsDirectory(RunRequest request)
    {
        if (!Directory.Exists(request.AppsDirectory))
        {
            throw new CommandLineException($"--apps '{request.AppsDirectory}' is not a folder.", ExitCodes.InvalidInput);
        }
    }

    private static async Task<int> RunAsync(RunRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var services = RunServices.Build(request, error);
        await using var disposeServices = services.ConfigureAwait(false);
        UpdateEngine engine;
        IUpdateLeadership leadership;
        try
        {
            RunServices.ValidateOptions(services);
            engine = services.GetRequiredService<UpdateEngine>();
            leadership = services.GetRequiredService<IUpdateLeadership>();
        }
        catch (Exception invalid) when (invalid is OptionsValidationException or AggregateException { InnerException: OptionsValidationException })
        {
            // Several options may name the same bad input: the first cause is the one to fix.
            var first = invalid as OptionsValidationException ?? (OptionsValidationException)invalid.InnerException!;
            throw new CommandLineException(first.Failures.First(), ExitCodes.InvalidInput);
        }

        // With --leader-election one cycle still runs only while this replica holds the Lease.
        var leading = await leadership.AcquireAsync(cancellationToken).ConfigureAwait(false);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, leading);
        CycleResult result;
        try
        {
            result = await CycleDisplay.RunAsync(token => engine.RunCycleAsync(request.Cycle, token), request.Json, output, linked.Token).ConfigureAwait(false);
        }
        catch (ConfigurationException ex)
        {
            // The cycle could not start: the kubeconfig or the cluster connection is not usable.
            throw new CommandLineException(ex.Message, ExitCodes.InvalidInput);
        }

        return result.Succeeded ? ExitCodes.Success : ExitCodes.RuntimeFailure;
    }
}

/// <summary>The options of one <c>run</c>.</summary>
internal sealed record RunRequest
{
    public required string AppsDirectory { get; init; }

    public string? RegistriesConfPath { get; init; }

    public string? CommitUser { get; init; }

    public string? CommitEmail { get; init; }

    public string? CommitMessagePath { get; init; }

    public string? SecretsDirectory { get; init; }

    public bool Json { get; init; }

    public CycleOptions Cycle { get; init; } = CycleOptions.Default;

    /// <summary>The cluster to run against; <see langword="null"/> in file mode (<c>--apps</c>).</summary>
    public ClusterRequest? Cluster { get; init; }
}
