using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ImageUpdater.Credentials;
using ImageUpdater.Strategies;
using Microsoft.Extensions.DependencyInjection;

namespace ImageUpdater.Cli.Commands;

/// <summary>
/// <c>image-updater test IMAGE</c>: shows which tag an image would be updated to under a policy, with the reference's
/// option names. With <c>--tags-from</c> the tags come from a file (or standard input) instead of a registry.
/// </summary>
internal static class TestCommand
{
    public static Command Create(Stream standardInput)
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
            Description = "Ignore tags matching these globs (repeatable or comma-separated).",
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
            Description = "Requests per second to the registry, overriding registries.conf (0 for no limit).",
            HelpName = "N",
            CustomParser = ParseRateLimit,
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
                Image = ParseImage(parseResult.GetRequiredValue(image)),
                TagsFrom = parseResult.GetValue(tagsFrom),
                Settings = new ImageUpdateSettings
                {
                    Strategy = parseResult.GetRequiredValue(strategy),
                    Constraint = parseResult.GetValue(constraint),
                    AllowTags = parseResult.GetValue(allowTags),
                    IgnoreTags = SplitIgnoreTags(parseResult.GetValue(ignoreTags)),
                    Platforms = ParsePlatforms(parseResult.GetValue(platforms)),
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

    private static async Task<int> RunAsync(TestRequest request, Stream standardInput, TextWriter output, TextWriter error, CancellationToken cancellationToken)
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

        if (!string.IsNullOrEmpty(request.Settings.Constraint) && plan.Strategy.Name is TagStrategyNames.NewestBuild or TagStrategyNames.Alphabetical)
        {
            await error.WriteLineAsync($"warning: --semver-constraint is ignored by the {plan.Strategy.Name} strategy; use --allow-tags to narrow the tags.").ConfigureAwait(false);
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
            tags = await TagListReader.ReadAsync(request.TagsFrom, standardInput, tag => plan.Classify(tag) == TagClassification.Candidate, cancellationToken).ConfigureAwait(false);
        }

        var outcome = plan.Select(tags);
        if (outcome.Error is not null)
        {
            // numerical refuses a candidate that is not a number: the tags, not the command line, are at fault, and
            // no tag qualifies.
            if (plan.Strategy.Name != TagStrategyNames.Numerical)
            {
                throw new CommandLineException(outcome.Error, ExitCodes.InvalidInput);
            }

            await error.WriteLineAsync("warning: " + outcome.Error).ConfigureAwait(false);
        }

        var result = TestResult.From(request.Image, outcome);
        await output.WriteLineAsync(request.Json ? result.ToJson() : result.ToText()).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static ServiceProvider BuildServices(TestRequest request)
    {
        var services = new ServiceCollection();
        if (request.SecretsDirectory is null)
        {
            services.AddSingleton<ISecretReader, NoSecretsDirectoryReader>();
        }

        services.AddImageUpdater()
            .AddTagStrategies()
            .AddRegistryClient()
            .AddRegistryCredentials(options => options.SecretsDirectory = request.SecretsDirectory);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    // The IMAGE argument names one image: the lenient constraint form ("nginx:~1.2") belongs to image-list.
    private static ImageReference ParseImage(string text)
    {
        if (ImageReference.TryParseStrict(text, out var image))
        {
            return image;
        }

        var reason = text.Length == 0 ? "it is empty"
            : text.Contains('@', StringComparison.Ordinal) ? "a digest is sha256:, sha384: or sha512: followed by its full lowercase hex"
            : "expected [registry[:port]/]repository[:tag] with a lowercase repository and a tag of up to 128 letters, digits, '_', '.' and '-'";
        throw new CommandLineException($"IMAGE '{text}' is not an image reference: {reason}.", ExitCodes.InvalidInput);
    }

    // As the ignore-tags annotation: comma-separated, entries trimmed, empty entries kept (an empty glob matches only
    // an empty tag).
    private static string[] SplitIgnoreTags(string[]? values) =>
        values is null ? [] : values.SelectMany(static value => value.Split(',', StringSplitOptions.TrimEntries)).ToArray();

    // Annotations keep the reference's rule (an entry that cannot be parsed matches nothing); typed on the command
    // line, such an entry is a mistake to report.
    private static string[] ParsePlatforms(string[]? values)
    {
        var entries = values is null
            ? []
            : values.SelectMany(static value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        foreach (var entry in entries)
        {
            var parts = entry.Split('/');
            if (parts.Length is < 2 or > 3 || parts.Any(static part => part.Length == 0))
            {
                throw new CommandLineException($"--platforms entry '{entry}' is not os/architecture[/variant], such as linux/amd64 or linux/arm/v7.", ExitCodes.InvalidInput);
            }
        }

        return entries;
    }

    private static double? ParseRateLimit(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        result.AddError($"--rate-limit '{text}' is not a number of requests per second, such as 5 or 0.5 (0 for no limit).");
        return null;
    }

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
