using ImageUpdater.Engine;
using ImageUpdater.Policies;
using ImageUpdater.WriteBack.Git.Templates;

namespace ImageUpdater.WriteBack.Git;

/// <summary>Which repository and branches an application's git write-back works on.</summary>
internal static class GitTargets
{
    /// <summary>
    /// The repository (the policy's, else the source's <c>repoURL</c>) and the branch to check out (the policy's, else
    /// the source's <c>targetRevision</c>; empty or <c>HEAD</c> is the remote's default branch).
    /// </summary>
    /// <exception cref="ConfigurationException">Neither the policy nor the source names a repository.</exception>
    public static GitTarget Base(ApplicationUpdatePolicy policy, GitCredentials credentials)
    {
        var source = policy.Source.Source;
        var repository = string.IsNullOrEmpty(policy.WriteBack.GitRepository) ? source.RepositoryUrl : policy.WriteBack.GitRepository;
        if (string.IsNullOrWhiteSpace(repository))
        {
            throw new ConfigurationException(
                $"{policy.Application.DisplayName} names no git repository: its source has no repoURL and no write-back repository is set.",
                policy.Application.Location with { Key = "git-repository" });
        }

        var branch = string.IsNullOrEmpty(policy.WriteBack.GitBranch) ? source.TargetRevision : policy.WriteBack.GitBranch;
        return new GitTarget(repository, branch) { Credentials = credentials };
    }

    /// <summary>The target with its write branch rendered from the branch template data of <paramref name="changeSet"/>.</summary>
    /// <exception cref="ConfigurationException">The write branch template does not parse, fails, or renders nothing.</exception>
    public static GitTarget WithWriteBranch(GitTarget target, ApplicationChangeSet changeSet)
    {
        var policy = changeSet.Policy;
        if (string.IsNullOrEmpty(policy.WriteBack.GitWriteBranch))
        {
            return target;
        }

        var location = policy.Application.Location with { Key = "git-branch" };
        TemplateRendering rendering;
        try
        {
            var images = changeSet.Changes.Select(static c => new BranchImage(c.New.Name, c.Image.Image.Alias, c.OldTag, c.NewTag)).ToList();
            rendering = BranchNameTemplate.Parse(policy.WriteBack.GitWriteBranch)
                .Render(new BranchNameData(policy.Application.Name, policy.Application.Namespace, images));
        }
        catch (TemplateException e)
        {
            throw new ConfigurationException($"The write branch template '{policy.WriteBack.GitWriteBranch}' does not parse: {e.Message}", location, e);
        }

        if (rendering.Failure is { } failure)
        {
            throw new ConfigurationException($"The write branch template '{policy.WriteBack.GitWriteBranch}' failed: {failure.Message}", location, failure);
        }

        if (string.IsNullOrWhiteSpace(rendering.Text))
        {
            throw new ConfigurationException($"The write branch template '{policy.WriteBack.GitWriteBranch}' rendered an empty branch name.", location);
        }

        return target with { WriteBranch = rendering.Text };
    }
}
