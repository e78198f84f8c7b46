using System.CommandLine;
using ImageUpdater.Strategies;
using Microsoft.Extensions.DependencyInjection;

namespace ImageUpdater.Cli.Commands;

/// <summary>
/// <c>image-updater test IMAGE</c>: shows which tag an image would be updated to under a policy, with the reference's
/// option names. With <c>--tags-from</c> the tags come from a file (or standard input) instead of a registry.
/// </summary>
internal static class TestCommand
{
    public static Command Create(TextReader standardInput)
    {
        var image = new Argument<string>("IMAGE") { Description = "The image, such as nginx or ghcr.io/acme/web." };
        var tagsFrom = new Option<string?>("--tags-from")
        {
            Description = "Read newline-separated tags from this file ('-' for standard input) instead of a registry.",
            HelpName = "FILE|-",
        };
        var strategy = new Option<string>("--update-strategy")
        {
            Description = "Update strategy: semver, newest-build, alphabetical, digest, numerical.",
            DefaultValueFactory = _ => TagStrategyNames.Semver,
        };
        var constraint = new Option<string?>("--semver-constraint")
        {
            Description = "Only consider tags satisfying this semver constraint (for digest: the watched tag).",
        };
        var allowTags = new Option<string?>("--allow-tags")
        {
            Description = "Only consider tags matching this expression: 'any' or 'regexp:<RE2>'.",
        };
        var ignoreTags = new Option<string[]>("--ignore-tags")
        {
            Description = "Ignore tags matching this glob (repeatable).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var platforms = new Option<string[]>("--platforms", "--platform")
        {
            Description = "Only consider images for these platforms, os/arch[/variant] (repeatable or comma-separated).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var registriesConf = new Option<string?>("--registries-conf-path", "--registries-conf")
        {
            Description = "Path to a registries.conf (YAML) describing registries, credentials and limits.",
            HelpName = "PATH",
        };
        var credentials = new Option<string?>("--credentials")
        {
            Description = "Credentials for the registry, overriding registries.conf: env:VAR, secret:ns/name#field, "
                + "pullsecret:ns/name, ext:/path or dockerconfig:/path.",
            HelpName = "SPEC",
        };
        var rateLimit = new Option<double?>("--rate-limit")
        {
            Description = "Requests per second to the registry, overriding registries.conf.",
            HelpName = "N",
        };
        var secretsDirectory = new Option<string?>("--secrets-dir")
        {
            Description = "Folder of Kubernetes Secret YAML files that secret: and pullsecret: credentials are read from.",
            HelpName = "DIR",
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Output format: text or json.",
            DefaultValueFactory = _ => "text",
        };
        output.AcceptOnlyFromAmong("text", "json");

        var command = new Command("test", "Test which tag an image would be updated to under an update policy.")
        {
            image, tagsFrom, strategy, constraint, allowTags, ignoreTags, platforms, registriesConf, credentials, rateLimit,
            secretsDirectory, output,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var request = new TestRequest
            {
                Image = ImageReference.Parse(parseResult.GetRequiredValue(image)),
                TagsFrom = parseResult.GetValue(tagsFrom),
                Settings = new ImageUpdateSettings
                {
                    Strategy = parseResult.GetRequiredValue(strategy),
                    Constraint = parseResult.GetValue(constraint),
                    AllowTags = parseResult.GetValue(allowTags),
                    IgnoreTags = parseResult.GetValue(ignoreTags) ?? [],
                    Platforms = SplitCommas(parseResult.GetValue(platforms)),
                },
                Json = parseResult.GetRequiredValue(output) == "json",
                Registry = new RegistryTagSource.Options
                {
                    RegistriesConfPath = parseResult.GetValue(registriesConf),
                    Credentials = parseResult.GetValue(credentials),
                    RateLimit = parseResult.GetValue(rateLimit),
                },
                SecretsDirectory = parseResult.GetValue(secretsDirectory),
            };

            var configuration = parseResult.InvocationConfiguration;
            return await RunAsync(request, standardInput, configuration.Output, configuration.Error, cancellationToken).ConfigureAwait(false);
        });

        return command;
    }

    private static async Task<int> RunAsync(TestRequest request, TextReader standardInput, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var services = BuildServices(request);
        var plan = services.GetRequiredService<TagSelector>().Prepare(request.Settings);
        foreach (var warning in plan.Warnings)
        {
            await error.WriteLineAsync("warning: " + warning).ConfigureAwait(false);
        }

        if (plan.Error is not null)
        {
            throw new CommandLineException(plan.Error, ExitCodes.InvalidInput);
        }

        IReadOnlyList<TagInfo> tags;
        if (request.TagsFrom is null)
        {
            tags = await RegistryTagSource.GetTagsAsync(services, request.Image, request.Settings, plan, request.Registry, cancellationToken).ConfigureAwait(false);
        }
        else if (plan.MetadataNeeds != TagMetadataNeeds.None)
        {
            throw new CommandLineException(
                $"Update strategy '{plan.Strategy.Name}' needs image metadata from a registry; it cannot be used with --tags-from.",
                ExitCodes.InvalidInput);
        }
        else
        {
            tags = await TagListReader.ReadAsync(request.TagsFrom, standardInput, cancellationToken).ConfigureAwait(false);
        }

        var outcome = plan.Select(tags);
        if (outcome.Error is not null)
        {
            throw new CommandLineException(outcome.Error, ExitCodes.InvalidInput);
        }

        var result = TestResult.From(request.Image, outcome);
        await output.WriteLineAsync(request.Json ? result.ToJson() : result.ToText()).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static ServiceProvider BuildServices(TestRequest request)
    {
        var services = new ServiceCollection();
        services.AddImageUpdater()
            .AddTagStrategies()
            .AddRegistryClient()
            .AddRegistryCredentials(options => options.SecretsDirectory = request.SecretsDirectory);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private static string[] SplitCommas(string[]? values) =>
        values is null
            ? []
            : values.SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();

    private sealed record TestRequest
    {
        public required ImageReference Image { get; init; }

        public string? TagsFrom { get; init; }

        public required ImageUpdateSettings Settings { get; init; }

        public bool Json { get; init; }

        public required RegistryTagSource.Options Registry { get; init; }

        public string? SecretsDirectory { get; init; }
    }
}
