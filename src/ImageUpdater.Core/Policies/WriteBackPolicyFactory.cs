namespace ImageUpdater.Policies;

/// <summary>
/// Turns merged write-back settings into a <see cref="WriteBackPolicy"/> with the reference's rules.
/// </summary>
/// <remarks>
/// The method is trimmed; none or <c>argocd</c> is the Argo CD method, and the Git fields are then not read (as in the
/// reference, which only parses them for Git), except that a <c>markers</c> target with <c>argocd</c> is an error. <c>git</c> uses <c>repocreds</c>; <c>git:&lt;creds&gt;</c> takes what
/// follows the first <c>:</c>. Anything else is an error. The branch is trimmed and split on <c>:</c> into the branch
/// to check out and the branch to push; more than one <c>:</c> is an error.
/// </remarks>
internal static class WriteBackPolicyFactory
{
    /// <summary>Creates the policy, reporting every problem.</summary>
    /// <param name="spec">The merged settings; <see langword="null"/> for the defaults.</param>
    /// <param name="keys">The keys to name in errors.</param>
    /// <param name="location">Where the settings were read (file, object); the key is filled in per error.</param>
    /// <param name="errors">Receives the errors.</param>
    /// <returns>The policy, or <see langword="null"/> when there were errors.</returns>
    public static WriteBackPolicy? Create(WriteBackConfigSpec? spec, WriteBackKeys keys, ConfigurationLocation location, ICollection<ConfigurationException> errors)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(errors);
        var method = spec?.Method?.Trim();
        if (method is null or "argocd")
        {
            // The reference ignores a target with argocd; markers are ours and only mean something in Git files, so
            // accepting them silently would leave the user's markers untouched forever.
            if (spec?.GitConfig?.WriteBackTarget?.Trim() is { Length: > 0 } argoTarget
                && WriteBackTarget.TryParse(argoTarget, out var ignored, out _) && ignored.Kind == WriteBackTargetKind.Markers)
            {
                errors.Add(new ConfigurationException(
                    $"Write-back target '{argoTarget}' needs the git write-back method: markers are edited in the repository's files, which the argocd method does not write.",
                    location with { Key = keys.Target }));
                return null;
            }

            return WriteBackPolicy.Default;
        }

        var credentials = WriteBackPolicy.RepositoryCredentials;
        var colon = method.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            credentials = method[(colon + 1)..];
            method = method[..colon];
        }

        if (method != "git")
        {
            errors.Add(new ConfigurationException(
                $"Invalid write-back method '{spec!.Method}': expected 'argocd', 'git' or 'git:<credentials>'.",
                location with { Key = keys.Method }));
            return null;
        }

        var before = errors.Count;
        if (credentials.Length == 0)
        {
            errors.Add(new ConfigurationException(
                "Write-back method 'git:' names no credentials: use 'git' for the repository credentials or 'git:<credentials>'.",
                location with { Key = keys.Method }));
        }
        else if (credentials != WriteBackPolicy.RepositoryCredentials && !credentials.StartsWith("secret:", StringComparison.Ordinal))
        {
            // The reference accepts only these two forms of Git credentials.
            errors.Add(new ConfigurationException(
                $"unexpected credentials format. Expected 'repocreds' or 'secret:<namespace>/<secret>' but got '{credentials}'",
                location with { Key = keys.Method }));
        }

        var git = spec!.GitConfig;
        string? branch = null;
        string? writeBranch = null;
        if (git?.Branch is { } branchText)
        {
            var parts = branchText.Trim().Split(':');
            if (parts.Length > 2)
            {
                errors.Add(new ConfigurationException(
                    $"Invalid git branch '{branchText}': expected 'branch', 'base:target' or ':target' (at most one ':').",
                    location with { Key = keys.Branch }));
            }
            else
            {
                branch = parts[0];
                writeBranch = parts.Length == 2 ? parts[1] : null;
            }
        }

        var target = WriteBackTarget.ParameterOverrides;
        var targetText = git?.WriteBackTarget?.Trim();
        if (!string.IsNullOrEmpty(targetText))
        {
            if (WriteBackTarget.TryParse(targetText, out var parsed, out var error))
            {
                target = parsed;
            }
            else
            {
                errors.Add(new ConfigurationException(error, location with { Key = keys.Target }));
            }
        }

        if (errors.Count != before)
        {
            return null;
        }

        var repository = git?.Repository?.Trim();
        return new WriteBackPolicy
        {
            Method = WriteBackMethod.Git,
            GitCredentials = credentials,
            GitRepository = string.IsNullOrEmpty(repository) ? null : repository,
            GitBranch = string.IsNullOrEmpty(branch) ? null : branch,
            GitWriteBranch = string.IsNullOrEmpty(writeBranch) ? null : writeBranch,
            Target = target,
        };
    }
}
