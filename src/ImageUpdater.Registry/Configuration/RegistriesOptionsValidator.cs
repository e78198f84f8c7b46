using Microsoft.Extensions.Options;

namespace ImageUpdater.Registry;

/// <summary>Loads the <c>registries.conf</c> that <see cref="RegistriesOptions"/> names, so a bad one stops the host at start.</summary>
internal sealed class RegistriesOptionsValidator : IValidateOptions<RegistriesOptions>
{
    public ValidateOptionsResult Validate(string? name, RegistriesOptions options)
    {
        try
        {
            _ = options.Load();
            return ValidateOptionsResult.Success;
        }
        catch (ConfigurationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
