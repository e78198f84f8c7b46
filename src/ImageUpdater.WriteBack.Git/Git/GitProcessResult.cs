namespace ImageUpdater.WriteBack.Git;

/// <summary>How one git process ended; output is capped at <see cref="ProcessGitRunner.MaxCapturedChars"/>.</summary>
internal sealed record GitProcessResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;
}
