namespace ImageUpdater.Testing;

/// <summary>
/// A bare git repository in a temporary folder (<c>git init --bare</c>), seeded with files; another writer's commits
/// can be pushed to it and its content read back. Deleted on dispose.
/// </summary>
public sealed class BareRepository : IDisposable
{
    private readonly TemporaryFolder _folder;

    private BareRepository(TemporaryFolder folder, string path)
    {
        _folder = folder;
        Path = path;
    }

    /// <summary>Gets the repository's folder (a usable repository URL).</summary>
    public string Path { get; }

    /// <summary>Gets the repository as a <c>file://</c> URL.</summary>
    public string FileUrl => new Uri(Path).AbsoluteUri;

    /// <summary>Gets the folder that holds the repository (for servers that export it).</summary>
    public string ParentFolder => _folder.Path;

    /// <summary>Gets the repository's folder name, <c>repo.git</c>.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>Creates the repository with <paramref name="defaultBranch"/> holding <paramref name="files"/> in one commit.</summary>
    public static async Task<BareRepository> CreateAsync(IReadOnlyDictionary<string, string> files, string defaultBranch = "main")
    {
        var folder = new TemporaryFolder("bare-repo-");
        var path = System.IO.Path.Combine(folder.Path, "repo.git");
        await GitCli.RunAsync(folder.Path, "init", "--quiet", "--bare", "-b", defaultBranch, path);
        var repository = new BareRepository(folder, path);
        await repository.CommitAsync(defaultBranch, files!, "seed");
        return repository;
    }

    /// <summary>
    /// Pushes a commit to <paramref name="branch"/> as another writer would (a <see langword="null"/> content deletes
    /// the file); the branch is created from <paramref name="from"/> when it does not exist yet.
    /// </summary>
    /// <returns>The new commit's id.</returns>
    public async Task<string> CommitAsync(string branch, IReadOnlyDictionary<string, string?> files, string message, string? from = null)
    {
        using var clone = new TemporaryFolder("writer-");
        var work = System.IO.Path.Combine(clone.Path, "w");
        await GitCli.RunAsync(clone.Path, "clone", "--quiet", Path, work);
        var exists = await TipAsync(branch) is not null;
        if (exists)
        {
            await GitCli.RunAsync(work, "checkout", "--quiet", "-B", branch, $"origin/{branch}");
        }
        else if (from is not null)
        {
            await GitCli.RunAsync(work, "checkout", "--quiet", "-B", branch, $"origin/{from}");
        }
        else
        {
            await GitCli.RunAsync(work, "checkout", "--quiet", "--orphan", branch);
        }

        foreach (var (name, content) in files)
        {
            var file = System.IO.Path.Combine(work, name);
            if (content is null)
            {
                File.Delete(file);
            }
            else
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
                await File.WriteAllTextAsync(file, content);
            }
        }

        await GitCli.RunAsync(work, "add", "--all");
        await GitCli.RunAsync(work, "commit", "--quiet", "--allow-empty", "-m", message);
        await GitCli.RunAsync(work, "push", "--quiet", "origin", $"HEAD:refs/heads/{branch}");
        return (await GitCli.RunAsync(work, "rev-parse", "HEAD")).Trim();
    }

    /// <summary>The commit <paramref name="branch"/> points to, or <see langword="null"/> when there is no such branch.</summary>
    public async Task<string?> TipAsync(string branch)
    {
        var line = (await GitCli.RunAsync(Path, "for-each-ref", "--format=%(objectname)", $"refs/heads/{branch}")).Trim();
        return line.Length == 0 ? null : line;
    }

    /// <summary>A file's content at the tip of <paramref name="branch"/>, or <see langword="null"/> when it does not exist there.</summary>
    public async Task<string?> ReadFileAsync(string branch, string path)
    {
        var listed = await GitCli.RunAsync(Path, "ls-tree", "--name-only", $"refs/heads/{branch}", "--", path);
        return listed.Trim().Length == 0 ? null : await GitCli.RunAsync(Path, "show", $"refs/heads/{branch}:{path}");
    }

    /// <summary>The commits of <paramref name="branch"/>, newest first.</summary>
    public async Task<IReadOnlyList<RepositoryCommit>> CommitsAsync(string branch)
    {
        var log = await GitCli.RunAsync(Path, "log", "--format=%H%x00%an%x00%ae%x00%cn%x00%ce%x00%P%x00%B%x1e", $"refs/heads/{branch}");
        return [.. log.Split('\x1e', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(static record => record.Split('\0'))
            .Select(static f => new RepositoryCommit(f[0], f[1], f[2], f[3], f[4], f[6].Trim(), f[5].Split(' ', StringSplitOptions.RemoveEmptyEntries)))];
    }

    /// <summary>The raw commit object (headers and message), to check signatures and trailers.</summary>
    public Task<string> ReadCommitObjectAsync(string sha) => GitCli.RunAsync(Path, "cat-file", "commit", sha);

    public void Dispose() => _folder.Dispose();
}
