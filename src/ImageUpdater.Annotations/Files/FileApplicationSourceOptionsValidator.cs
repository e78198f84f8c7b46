using Microsoft.Extensions.Options;

namespace ImageUpdater.Annotations.Files;

/// <summary>Checks at start that the configured folder exists and is a folder, naming the path when it is not.</summary>
internal sealed class FileApplicationSourceOptionsValidator : IValidateOptions<FileApplicationSourceOptions>
{
    public ValidateOptionsResult Validate(string? name, FileApplicationSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.Directory;
        if (string.IsNullOrWhiteSpace(path))
        {
            return ValidateOptionsResult.Fail("FileApplicationSourceOptions.Directory must name the folder that holds the Application manifests.");
        }

        if (File.Exists(path))
        {
            return ValidateOptionsResult.Fail($"FileApplicationSourceOptions.Directory '{path}' is a file, not a folder.");
        }

        return Directory.Exists(path)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"FileApplicationSourceOptions.Directory '{path}' does not exist.");
    }
}
