namespace ImageUpdater.Cli;

/// <summary>The process exit codes of <c>image-updater</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked (a test that finds no qualifying tag succeeds too).</summary>
    public const int Success = 0;

    /// <summary>Something failed at run time: a registry that cannot be reached, a file that cannot be read.</summary>
    public const int RuntimeFailure = 1;

    /// <summary>The input is invalid: an unknown option, a bad constraint, a strategy the input cannot serve.</summary>
    public const int InvalidInput = 2;
}
