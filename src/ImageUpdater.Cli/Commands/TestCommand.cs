using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ImageUpdater.Credentials;
using ImageUpdater.Engine;
using ImageUpdater.Policies;
using ImageUpdater.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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

                    // The command line's credentials are the image's pull secret: they override the registry's.
                    PullSecret = parseResult.GetValue(credentials),
                },
                Json = parseResult.GetRequiredValue(output) == "json",
                RegistriesConfPath = parseResult.GetValue(registriesConf),
                RateLimit = parseResult.GetValue(rateLimit),
                SecretsDirectory = parseResult.GetValue(secretsDirectory),
            };

            var configuration = parseResult.InvocationConfiguration;
            return await RunAsync(request, standardInput, configuration.Output, configuration.Error, cancellationToken).ConfigureAwait(false);
        });

        return command;
    }

    private static async Task<int> RunAsync(TestRequest request, Stream standardInput, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        CheckBeforeAnyRequest(request);
        var tagFile = request.TagsFrom is null ? null : new TagFileLister();
        var services = BuildServices(request, tagFile);
        await using var disposeServices = services.ConfigureAwait(false);
        ValidateOptions(services);

        // The resolver prepares the same plan again (the planner caches it): here it settles, before any request or
        // read, what is invalid input.
        var plan = services.GetRequiredService<ITagSelectionPlanner>().Prepare(request.Settings);
        foreach (var warning in plan.Warnings)
        {
            await error.WriteLineAsync("warning: " + warning).ConfigureAwait(false);
        }

        if (plan.Error is not null)
        {
            throw new CommandLineException(plan.Error, ExitCodes.InvalidInput);
        }

        if (!string.IsNullOrEmpty(request.Settings.Constraint) && plan.Strategy is TagStrategyNames.NewestBuild or TagStrategyNames.Alphabetical)
        {
            await error.WriteLineAsync($"warning: --semver-constraint is ignored by the {plan.Strategy} strategy; use --allow-tags to narrow the tags.").ConfigureAwait(false);
        }

        if (tagFile is not null)
        {
            if (plan.MetadataNeeds != TagMetadataNeeds.None)
            {
                throw new CommandLineException(
                    $"Update strategy '{plan.Strategy}' needs image metadata from a registry; it cannot be used with --tags-from.",
                    ExitCodes.InvalidInput);
            }

            tagFile.Tags = await TagListReader.ReadAsync(request.TagsFrom!, standardInput, cancellationToken).ConfigureAwait(false);
        }

        ImageResolution resolution;
        using (var pass = services.GetRequiredService<IImageResolver>().BeginPass())
        {
            var policy = new ImageUpdatePolicy(request.Image, request.Settings, ImageManifestTarget.Default);
            resolution = await pass.ResolveAsync(new ImageResolutionRequest { Image = policy }, cancellationToken).ConfigureAwait(false);
        }

        foreach (var warning in resolution.Warnings.Except(plan.Warnings))
        {
            await error.WriteLineAsync("warning: " + warning).ConfigureAwait(false);
        }

        if (resolution.Error is { } failure)
        {
            // numerical refuses a candidate that is not a number: the tags, not the command line, are at fault, and
            // no tag qualifies. Any other configuration error is invalid input; the rest failed at run time.
            if (failure.Kind != UpdateErrorKind.Configuration)
            {
                throw new CommandLineException(failure.Message, ExitCodes.RuntimeFailure);
            }

            if (plan.Strategy != TagStrategyNames.Numerical || resolution.Funnel.Candidates == 0)
            {
                throw new CommandLineException(failure.Message, ExitCodes.InvalidInput);
            }

            await error.WriteLineAsync("warning: " + failure.Message).ConfigureAwait(false);
        }

        var result = TestResult.From(resolution);
        await output.WriteLineAsync(request.Json ? result.ToJson() : result.ToText()).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    // What the command line alone shows to be wrong is refused before the services start.
    private static void CheckBeforeAnyRequest(TestRequest request)
    {
        if (request.RegistriesConfPath is { Length: > 0 } path && Directory.Exists(path))
        {
            throw new CommandLineException($"--registries-conf '{path}' is a directory, not a registries.conf file.", ExitCodes.InvalidInput);
        }

        if (request.Settings.PullSecret is { Length: > 0 } credentials)
        {
            try
            {
                _ = CredentialSpec.Parse(credentials);
            }
            catch (CredentialException error)
            {
                throw new CommandLineException("invalid --credentials: " + error.Message, ExitCodes.InvalidInput);
            }
        }
    }

    private static ServiceProvider BuildServices(TestRequest request, TagFileLister? tagFile)
    {
        var services = new ServiceCollection();

        // Registered first, so the registry client keeps it (it adds its own lister only when none is registered).
        if (tagFile is not null)
        {
            services.AddSingleton<IRegistryTagLister>(tagFile);
        }

        RunServices.AddResolution(services, new ResolutionSettings
        {
            RegistriesConfPath = request.RegistriesConfPath,
            SecretsDirectory = request.SecretsDirectory,
            RequestsPerSecond = request.RateLimit,
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private static void ValidateOptions(IServiceProvider services)
    {
        try
        {
            RunServices.ValidateOptions(services);
        }
        catch (Exception invalid) when (invalid is OptionsValidationException or AggregateException { InnerException: OptionsValidationException })
        {
            // Several options may name the same bad input: the first cause is the one to fix.
            var first = invalid as OptionsValidationException ?? (OptionsValidationException)invalid.InnerException!;
            var prefix = first.OptionsType == typeof(RegistriesOptions) ? "could not load registries configuration: " : string.Empty;
            throw new CommandLineException(prefix + first.Failures.First(), ExitCodes.InvalidInput);
        }
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

        public string? RegistriesConfPath { get; init; }

        public double? RateLimit { get; init; }

        public string? SecretsDirectory { get; init; }
    }
}
