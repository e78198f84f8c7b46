using Microsoft.Extensions.Options;

namespace ImageUpdater.Hosting;

/// <summary>Checks <see cref="UpdateLoopOptions"/>, naming every invalid key.</summary>
internal sealed class UpdateLoopOptionsValidator : IValidateOptions<UpdateLoopOptions>
{
    public ValidateOptionsResult Validate(string? name, UpdateLoopOptions options)
    {
        var failures = new List<string>();
        if (options.Interval < TimeSpan.Zero)
        {
            failures.Add($"{nameof(UpdateLoopOptions)}.{nameof(options.Interval)} must not be negative (was {options.Interval}).");
        }

        if (options.LivenessTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{nameof(UpdateLoopOptions)}.{nameof(options.LivenessTimeout)} must be positive (was {options.LivenessTimeout}).");
        }

        if (options.Cycle is null)
        {
            failures.Add($"{nameof(UpdateLoopOptions)}.{nameof(options.Cycle)} must be set.");
        }
        else
        {
            if (options.Cycle.MaxConcurrentApplications < 1)
            {
                failures.Add($"{nameof(UpdateLoopOptions)}.{nameof(options.Cycle)}.{nameof(options.Cycle.MaxConcurrentApplications)} must be at least 1 (was {options.Cycle.MaxConcurrentApplications}).");
            }

            if (options.Cycle.ImageTimeout <= TimeSpan.Zero)
            {
                failures.Add($"{nameof(UpdateLoopOptions)}.{nameof(options.Cycle)}.{nameof(options.Cycle.ImageTimeout)} must be positive (was {options.Cycle.ImageTimeout}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
