using System.Security.Cryptography;
using ImageUpdater.Applications;
using ImageUpdater.Engine;
using ImageUpdater.WriteBack.Git.Editing;
using Microsoft.Extensions.Options;

namespace ImageUpdater.WriteBack.Git.Applications;

/// <summary>
/// The <c>argocd</c> method's store in file mode: the Application's own YAML file, edited in place with the splicing
/// editor. A file inside a git work tree is committed (that file only); any other file is written in place. The version
/// is a hash of the file's bytes: a file changed since it was read is a conflict.
/// </summary>
/// <remarks>
/// The file is read back into an <see cref="ArgoApplication"/> through the registered
/// <see cref="IUpdatePolicyProvider"/>, so that one mapper (with its error messages) serves the source and the store.
/// </remarks>
internal sealed class FileApplicationStore(
    IOptions<FileApplicationStoreOptions> options,
    IOptions<GitWriteBackOptions> gitOptions,
    IGitRunner git,
    IUpdatePolicyProvider mapper) : IApplicationStore
{
    private readonly KeyedLocks _locks = new();

    public async ValueTask<ArgoApplication> ReadAsync(ArgoApplication application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        var (path, file) = Locate(application);
        var text = Read(path, file);
        var snapshot = new ApplicationSourceSnapshot { Documents = [new SourceDocument { Content = text, Origin = file }] };
        var policies = await mapper.GetPoliciesAsync(snapshot, cancellationToken).ConfigureAwait(false);
        var found = policies.Applications.Select(static r => r.Application).Where(a => a.Name == application.Name && a.Namespace == application.Namespace).ToList();
        if (found.Count != 1)
        {
            var why = policies.Errors.Count > 0 ? ": " + policies.Errors[0].Message : string.Empty;
            throw new ImageUpdaterException($"{file}: cannot read {application.DisplayName}, the file holds {found.Count} of it{why}");
        }

        return found[0] with { Version = Hash(text) };
    }

    public async ValueTask<ApplicationStoreResult> ReplaceSourceAsync(ApplicationSourceReplacement replacement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var application = replacement.Application;
        try
        {
            var (path, file) = Locate(application);
            using var held = await _locks.AcquireAsync(path, cancellationToken).ConfigureAwait(false);
            var text = Read(path, file);
            if (Hash(text) != application.Version)
            {
                return ApplicationStoreResult.Conflict($"{file} changed since {application.DisplayName} was read.");
            }

            var edited = ApplicationFileEditor.ReplaceSource(text, file, application, replacement.SourceIndex, replacement.Source);
            if (edited == text)
            {
                return ApplicationStoreResult.Updated(file + " already holds the values");
            }

            YamlFile.WriteText(path, edited);
            if (await WorkTreeOfAsync(path, cancellationToken).ConfigureAwait(false) is not { } workTree)
            {
                return ApplicationStoreResult.Updated(file + " written");
            }

            var commit = await CommitAsync(workTree, path, Message(application, replacement.Description), cancellationToken).ConfigureAwait(false);
            if (commit.Error is not null)
            {
                // Nothing of this application stays written when its commit failed.
                YamlFile.WriteText(path, text);
                return ApplicationStoreResult.Failed($"{file}: {commit.Error}");
            }

            return ApplicationStoreResult.Updated($"{file} committed as {commit.Id}");
        }
        catch (ConfigurationException ex)
        {
            return ApplicationStoreResult.Failed(ex.Message);
        }
        catch (ImageUpdaterException ex)
        {
            return ApplicationStoreResult.Failed(ex.Message);
        }
        catch (IOException ex)
        {
            return ApplicationStoreResult.Failed($"{application.Location.File}: cannot write the file: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            return ApplicationStoreResult.Failed($"{application.Location.File}: cannot write the file: {ex.Message}");
        }
    }

    // As the reference's default commit message template renders it.
    private static string Message(ArgoApplication application, string description) =>
        $"build: automatic update of {application.Name}\n\n{description}";

    private (string Path, string File) Locate(ArgoApplication application)
    {
        var file = application.Location.File;
        if (string.IsNullOrEmpty(file))
        {
            throw new ImageUpdaterException($"{application.DisplayName} was not read from a file; the file application store cannot update it.");
        }

        var root = Path.GetFullPath(options.Value.Directory);
        var path = Path.GetFullPath(Path.Combine(root, file));
        if (!path.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ImageUpdaterException($"{file}: the file of {application.DisplayName} is outside {root}.");
        }

        return (path, file);
    }

    private static string Read(string path, string file)
    {
        try
        {
            return YamlFile.ReadText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            throw new ImageUpdaterException($"{file}: cannot read the file: {ex.Message}", ex);
        }
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    private async Task<string?> WorkTreeOfAsync(string path, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["rev-parse", "--show-toplevel"], Path.GetDirectoryName(path)!, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? result.StandardOutput.Trim() : null;
    }

    private async Task<(string? Id, string? Error)> CommitAsync(string workTree, string path, string message, CancellationToken cancellationToken)
    {
        var author = new CommitAuthor(gitOptions.Value.AuthorName, gitOptions.Value.AuthorEmail);
        var relative = Path.GetRelativePath(workTree, path);
        var add = await RunAsync(["add", "--", relative], workTree, cancellationToken).ConfigureAwait(false);
        if (!add.Succeeded)
        {
            return (null, "git add failed: " + add.StandardError.Trim());
        }

        // --only commits this file as it is in the work tree, whatever else is staged there.
        var commit = await RunAsync(
            ["-c", "user.name=" + author.Name, "-c", "user.email=" + author.Email, "commit", "--no-verify", "--only", "-m", message, "--author", $"{author.Name} <{author.Email}>", "--", relative],
            workTree,
            cancellationToken).ConfigureAwait(false);
        if (!commit.Succeeded)
        {
            return (null, "git commit failed: " + (commit.TimedOut ? "timed out" : commit.StandardError.Trim()));
        }

        var head = await RunAsync(["rev-parse", "HEAD"], workTree, cancellationToken).ConfigureAwait(false);
        return (head.StandardOutput.Trim(), null);
    }

    private Task<GitProcessResult> RunAsync(IReadOnlyList<string> arguments, string directory, CancellationToken cancellationToken) =>
        git.RunAsync(new GitInvocation(arguments, directory, gitOptions.Value.CommandTimeout), cancellationToken);
}
