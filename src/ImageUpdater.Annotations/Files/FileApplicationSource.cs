using ImageUpdater.Annotations.Manifests;
using ImageUpdater.Engine;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Annotations.Files;

/// <summary>
/// Reads every manifest file under a folder (file mode): one <see cref="SourceDocument"/> per file, named by its path
/// relative to the folder, so that errors and the write-back name the file as the user knows it. A file that cannot be
/// read is an error naming it, and the others are still read.
/// </summary>
internal sealed class FileApplicationSource(IOptions<FileApplicationSourceOptions> options, IOptions<ManifestReaderOptions> limits) : IApplicationSource
{
    public async ValueTask<ApplicationSourceSnapshot> ReadAsync(CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(options.Value.Directory);
        var errors = new List<ConfigurationException>();
        if (!Directory.Exists(root))
        {
            // Checked at start too; the folder may have gone since.
            errors.Add(new ConfigurationException("The folder of Application manifests does not exist.", new ConfigurationLocation(root)));
            return new ApplicationSourceSnapshot { Errors = errors };
        }

        var documents = new List<SourceDocument>();
        foreach (var (fullPath, relativePath) in ManifestFileFinder.Find(root, errors))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await ManifestFileText.ReadAsync(fullPath, relativePath, limits.Value.MaxTextLength, errors, cancellationToken).ConfigureAwait(false) is { } text)
            {
                documents.Add(new SourceDocument { Content = text, Origin = relativePath });
            }
        }

        return new ApplicationSourceSnapshot { Documents = documents, Errors = errors };
    }
}
