using ImageUpdater.Registry.Http;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Registry;

/// <summary>Checks <see cref="RegistryClientOptions"/>, naming every invalid key.</summary>
internal sealed class RegistryClientOptionsValidator : IValidateOptions<RegistryClientOptions>
{
    public ValidateOptionsResult Validate(string? name, RegistryClientOptions options)
    {
        var failures = new List<string>();
        Positive(options.MaxConcurrencyPerRegistry, nameof(options.MaxConcurrencyPerRegistry));
        Positive(options.MetadataConcurrency, nameof(options.MetadataConcurrency));
        Positive(options.MaxTagListBytes, nameof(options.MaxTagListBytes));
        Positive(options.MaxTags, nameof(options.MaxTags));
        Positive(options.MaxTagPages, nameof(options.MaxTagPages));
        Positive(options.MaxManifestBytes, nameof(options.MaxManifestBytes));
        Positive(options.MaxConfigBytes, nameof(options.MaxConfigBytes));
        Positive(options.MaxCacheEntries, nameof(options.MaxCacheEntries));
        Positive(options.MaxBearerTokensPerRegistry, nameof(options.MaxBearerTokensPerRegistry));
        Positive(options.MaxInferredEndpoints, nameof(options.MaxInferredEndpoints));
        if (options.MaxRetries is < 0 or > 100)
        {
            failures.Add($"{nameof(RegistryClientOptions)}.{nameof(options.MaxRetries)} must be between 0 and 100 (was {options.MaxRetries}).");
        }

        if (options.MaxRedirects is < 0 or > 50)
        {
            failures.Add($"{nameof(RegistryClientOptions)}.{nameof(options.MaxRedirects)} must be between 0 and 50 (was {options.MaxRedirects}).");
        }

        NonNegative(options.RetryBaseDelay, nameof(options.RetryBaseDelay));
        NonNegative(options.MaxRetryAfter, nameof(options.MaxRetryAfter));
        PositiveTime(options.AttemptTimeout, nameof(options.AttemptTimeout));
        PositiveTime(options.DefaultTokenLifetime, nameof(options.DefaultTokenLifetime));
        if (options.TagDigestLifetime is { } lifetime)
        {
            NonNegative(lifetime, nameof(options.TagDigestLifetime));
        }

        if (options.UserAgentPrefix is { } prefix && !RegistryUserAgent.IsValidPrefix(prefix))
        {
            failures.Add($"{nameof(RegistryClientOptions)}.{nameof(options.UserAgentPrefix)} must be product tokens such as 'MyTool/2.0' (was '{prefix}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Positive(int value, string key)
        {
            if (value <= 0)
            {
                failures.Add($"{nameof(RegistryClientOptions)}.{key} must be positive (was {value}).");
            }
        }

        void NonNegative(TimeSpan value, string key)
        {
            if (value < TimeSpan.Zero)
            {
                failures.Add($"{nameof(RegistryClientOptions)}.{key} must not be negative (was {value}).");
            }
        }

        void PositiveTime(TimeSpan value, string key)
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{nameof(RegistryClientOptions)}.{key} must be positive (was {value}).");
            }
        }
    }
}
