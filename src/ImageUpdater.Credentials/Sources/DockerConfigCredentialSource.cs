using System.Text;
using ImageUpdater.Yaml;

namespace ImageUpdater.Credentials;

/// <summary>
/// <c>dockerconfig:/path/config.json</c>: reads the <c>auths</c> entry matching the registry from a Docker config file,
/// matched as pull secrets are. A missing file or entry makes the source unavailable.
/// </summary>
/// <param name="path">The file's absolute path.</param>
public sealed class DockerConfigCredentialSource(string path) : RegistryCredentialSource
{
    /// <summary>Gets the file's path.</summary>
    public string Path { get; } = path ?? throw new ArgumentNullException(nameof(path));

    /// <inheritdoc />
    public override async ValueTask<RegistryCredential> GetCredentialAsync(string registryApiUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registryApiUrl);
        if (!System.IO.Path.IsPathFullyQualified(Path))
        {
            throw new CredentialException($"path to Docker config must be absolute, but is '{Path}'");
        }

        byte[] json;
        try
        {
            json = Encoding.UTF8.GetBytes(await BoundedFile.ReadAllTextAsync(Path, DockerConfigAuths.MaxLength, cancellationToken).ConfigureAwait(false));
        }
        catch (TreeSyntaxException ex)
        {
            throw new CredentialException($"could not read Docker config {Path}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CredentialUnavailableException($"could not read Docker config {Path}: file not found");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CredentialException($"could not read Docker config {Path}: {ex.Message}", ex);
        }

        return DockerConfigAuths.Find(json, registryApiUrl, $"Docker config {Path}");
    }

    /// <summary>Returns the spec form.</summary>
    /// <returns><c>dockerconfig:/path</c>.</returns>
    public override string ToString() => "dockerconfig:" + Path;
}
