using Microsoft.Extensions.Options;

namespace ImageUpdater.Credentials;

/// <summary>Checks <see cref="RegistryCredentialOptions"/> when the host starts.</summary>
internal sealed class RegistryCredentialOptionsValidator : IValidateOptions<RegistryCredentialOptions>
{
    public ValidateOptionsResult Validate(string? name, RegistryCredentialOptions options)
    {
        var failures = new List<string>();
        if (options.ExternalScriptTimeout <= TimeSpan.Zero)
        {
            failures.Add("RegistryCredentialOptions.ExternalScriptTimeout must be positive");
        }

        if (options.ExternalScriptMaxOutputBytes <= 0)
        {
            failures.Add("RegistryCredentialOptions.ExternalScriptMaxOutputBytes must be positive");
        }

        failures.AddRange(options.AllowedScriptDirectories
            .Where(directory => !Path.IsPathFullyQualified(directory))
            .Select(directory => $"RegistryCredentialOptions.AllowedScriptDirectories: '{directory}' is not an absolute path"));

        foreach (var spec in options.FallbackSpecs)
        {
            try
            {
                CredentialSpec.Parse(spec);
            }
            catch (CredentialException ex)
            {
                failures.Add("RegistryCredentialOptions.FallbackSpecs: " + ex.Message);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
