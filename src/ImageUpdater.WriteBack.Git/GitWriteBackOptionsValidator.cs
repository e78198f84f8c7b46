using Microsoft.Extensions.Options;

namespace ImageUpdater.WriteBack.Git;

/// <summary>Checks <see cref="GitWriteBackOptions"/>, naming every invalid key.</summary>
internal sealed class GitWriteBackOptionsValidator : IValidateOptions<GitWriteBackOptions>
{
    public ValidateOptionsResult Validate(string? name, GitWriteBackOptions options)
    {
        var failures = new List<string>();
        Required(options.WorkRoot, nameof(options.WorkRoot));
        Identity(options.AuthorName, nameof(options.AuthorName));
        Identity(options.AuthorEmail, nameof(options.AuthorEmail));
        Required(options.GitExecutable, nameof(options.GitExecutable));
        if (!Enum.IsDefined(options.SigningMethod))
        {
            failures.Add($"{nameof(GitWriteBackOptions)}.{nameof(options.SigningMethod)} must be None, OpenPgp or Ssh (was {options.SigningMethod}).");
        }
        else if (options.SigningMethod != GitSigningMethod.None && string.IsNullOrWhiteSpace(options.SigningKey))
        {
            failures.Add($"{nameof(GitWriteBackOptions)}.{nameof(options.SigningKey)} is required when {nameof(options.SigningMethod)} is {options.SigningMethod}.");
        }

        if (options.CommandTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{nameof(GitWriteBackOptions)}.{nameof(options.CommandTimeout)} must be positive (was {options.CommandTimeout}).");
        }

        if (options.PushRetries is < 0 or > 100)
        {
            failures.Add($"{nameof(GitWriteBackOptions)}.{nameof(options.PushRetries)} must be between 0 and 100 (was {options.PushRetries}).");
        }

        if (options.MaxConcurrentRepositories is < 1 or > 64)
        {
            failures.Add($"{nameof(GitWriteBackOptions)}.{nameof(options.MaxConcurrentRepositories)} must be between 1 and 64 (was {options.MaxConcurrentRepositories}).");
        }

        if (options.RepositoryReadFreshness < TimeSpan.Zero)
        {
            failures.Add($"{nameof(GitWriteBackOptions)}.{nameof(options.RepositoryReadFreshness)} must not be negative (was {options.RepositoryReadFreshness}).");
        }

        Required(options.ControllerNamespace, nameof(options.ControllerNamespace));
        if (CommitMessageTemplateSource.Check(options) is { } templateError)
        {
            failures.Add(templateError);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        // git writes "Name <email>" on one line: angle brackets or line breaks would corrupt the commit header.
        void Identity(string? value, string key)
        {
            Required(value, key);
            if (value?.IndexOfAny(['<', '>', '\n', '\r']) >= 0)
            {
                failures.Add($"{nameof(GitWriteBackOptions)}.{key} must not contain '<', '>' or a line break (was '{value}').");
            }
        }

        void Required(string? value, string key)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                failures.Add($"{nameof(GitWriteBackOptions)}.{key} must not be empty.");
            }
        }
    }
}
