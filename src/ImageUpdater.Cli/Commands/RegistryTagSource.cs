using ImageUpdater.Credentials;
using ImageUpdater.Registry;
using ImageUpdater.Strategies;
using Microsoft.Extensions.DependencyInjection;

namespace ImageUpdater.Cli.Commands;

/// <summary>
/// Gets an image's candidate tags from its registry for <c>image-updater test</c>: resolves the endpoint through
/// <c>registries.conf</c>, applies the command line's credential and rate-limit overrides, and fetches only the
/// metadata the strategy needs.
/// </summary>
internal static class RegistryTagSource
{
    public sealed record Options
    {
        public string? RegistriesConfPath { get; init; }

        public string? Credentials { get; init; }

        public double? RateLimit { get; init; }
    }

    public static async Task<IReadOnlyList<TagInfo>> GetTagsAsync(
        IServiceProvider services,
        ImageReference image,
        ImageUpdateSettings settings,
        TagSelectionPlan plan,
        Options options,
        CancellationToken cancellationToken)
    {
        var endpoint = ResolveEndpoint(image, options);
        var source = services.GetRequiredService<IRegistryPassFactory>().BeginPass();
        try
        {
            var candidates = await source.GetCandidatesAsync(
                new TagCandidateRequest
                {
                    Image = image,
                    Endpoint = endpoint,
                    Settings = settings,
                    MetadataNeeds = plan.MetadataNeeds,
                    Classify = plan.Classify,
                },
                cancellationToken).ConfigureAwait(false);
            return candidates.Tags;
        }
        catch (Exception error) when (error is RegistryException or CredentialException)
        {
            throw new CommandLineException(error.Message, ExitCodes.RuntimeFailure);
        }
    }

    private static RegistryEndpoint ResolveEndpoint(ImageReference image, Options options)
    {
        RegistriesConfiguration? configuration = null;
        if (options.RegistriesConfPath is { Length: > 0 } path)
        {
            if (Directory.Exists(path))
            {
                throw new CommandLineException($"--registries-conf '{path}' is a directory, not a registries.conf file.", ExitCodes.InvalidInput);
            }

            try
            {
                configuration = RegistriesConfiguration.Load(path);
            }
            catch (ConfigurationException error)
            {
                throw new CommandLineException("could not load registries configuration: " + error.Message, ExitCodes.InvalidInput);
            }
        }

        var endpoint = new RegistryEndpointResolver(configuration).Resolve(image);
        if (options.Credentials is { Length: > 0 } credentials)
        {
            // A spec that cannot be parsed is bad input: refuse it before any request rather than after the ping.
            try
            {
                _ = CredentialSpec.Parse(credentials);
            }
            catch (CredentialException error)
            {
                throw new CommandLineException("invalid --credentials: " + error.Message, ExitCodes.InvalidInput);
            }

            endpoint = endpoint with { Credentials = credentials };
        }

        if (options.RateLimit is { } rateLimit)
        {
            endpoint = endpoint with { RequestsPerSecond = rateLimit > 0 ? rateLimit : null };
        }

        return endpoint;
    }
}
