namespace ImageUpdater.WriteBack.Git;

/// <summary>One git call: its arguments (never a secret), where it runs, what it adds to the environment, its input.</summary>
internal sealed record GitInvocation(IReadOnlyList<string> Arguments, string WorkingDirectory, TimeSpan Timeout)
{
    /// <summary>Gets the variables added to the inherited environment: where credentials travel.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the bytes written to git's standard input, which is closed afterwards.</summary>
    public ReadOnlyMemory<byte> StandardInput { get; init; }

    /// <summary>Gets the git subcommand, for messages: the first argument that is not an option or its value.</summary>
    public string Subcommand
    {
        get
        {
            for (var i = 0; i < Arguments.Count; i++)
            {
                if (Arguments[i] == "-c")
                {
                    i++;
                }
                else if (!Arguments[i].StartsWith('-'))
                {
                    return Arguments[i];
                }
            }

            return "git";
        }
    }
}
