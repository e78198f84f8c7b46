using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Registry.Http;

/// <summary>The OCI distribution API over HTTP: tag lists, manifests, digests and config blobs, without caching.</summary>
internal sealed partial class DistributionClient(
    RegistryHttpSender sender,
    IOptions<RegistryClientOptions> options,
    ILogger<DistributionClient> logger) : IRegistryTagLister, IRegistryManifestReader, IRegistryDigestReader, IRegistryConfigReader
{
    private readonly RegistryClientOptions _options = options.Value;

    public async IAsyncEnumerable<string> ListTagsAsync(RegistryRepository repository, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var label = repository.Endpoint.ApiUrl.GetLeftPart(UriPartial.Authority);
        Uri? uri = RegistryUris.Tags(repository);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        var pages = 0;
        while (uri is not null)
        {
            if (!visited.Add(uri.AbsoluteUri))
            {
                throw new RegistryException(RegistryErrorKind.InvalidContent, label, repository.Name, $"tag list: the Link header leads back to page {uri.PathAndQuery} (a paging loop)");
            }

            if (++pages > _options.MaxTagPages)
            {
                throw new RegistryException(RegistryErrorKind.InvalidContent, label, repository.Name, $"tag list: more than {_options.MaxTagPages} pages; the registry's Link headers do not end");
            }

            var call = new RegistryCall(repository, RegistryRequestKinds.TagList, HttpMethod.Get, uri, "application/json", _options.MaxTagListBytes, "tag list");
            var response = await sender.SendAsync(call, cancellationToken).ConfigureAwait(false);
            List<string> tags;
            try
            {
                tags = ManifestParser.ParseTagList(response.Body);
            }
            catch (FormatException ex)
            {
                throw new RegistryException(RegistryErrorKind.InvalidContent, label, repository.Name, $"tag list: {ex.Message}", response.Status, ex);
            }

            count += tags.Count;
            if (count > _options.MaxTags)
            {
                throw new RegistryException(RegistryErrorKind.InvalidContent, label, repository.Name, $"tag list: more than {_options.MaxTags} tags");
            }

            var invalid = 0;
            foreach (var tag in tags)
            {
                // Registries only hold names of the distribution spec's tag grammar; anything else (an empty name, '#',
                // '?', '/') would turn the manifest URL built from it into a request for another resource.
                if (!ImageReference.IsValidTag(tag))
                {
                    invalid++;
                    continue;
                }

                yield return tag;
            }

            if (invalid > 0)
            {
                LogInvalidTagNames(logger, label, repository.Name, invalid);
            }

            uri = response.NextLink;
        }

        LogListedTags(logger, label, repository.Name, count, pages);
    }

    public async ValueTask<RegistryManifest> GetManifestAsync(RegistryRepository repository, string reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentException.ThrowIfNullOrEmpty(reference);
        var what = "manifest " + reference;
        var call = new RegistryCall(repository, RegistryRequestKinds.Manifest, HttpMethod.Get, RegistryUris.Manifest(repository, reference), ManifestMediaTypes.AcceptHeader, _options.MaxManifestBytes, what);
        var response = await sender.SendAsync(call, cancellationToken).ConfigureAwait(false);

        // The digest is that of the raw bytes, whatever the headers say (as the reference computes it).
        var digest = Digest.Sha256Of(response.Body);
        if (Digest.TryParse(reference, out var expected) && expected.Algorithm == "sha256" && expected != digest)
        {
            throw new RegistryException(RegistryErrorKind.InvalidContent, Label(repository), repository.Name, $"{what}: the content's digest is {digest}", response.Status);
        }

        try
        {
            return ManifestParser.ParseManifest(response.Body, digest, response.ContentType);
        }
        catch (FormatException ex)
        {
            throw new RegistryException(RegistryErrorKind.InvalidContent, Label(repository), repository.Name, $"{what}: {ex.Message}", response.Status, ex);
        }
    }

    public async ValueTask<Digest> GetDigestAsync(RegistryRepository repository, string tag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentException.ThrowIfNullOrEmpty(tag);
        var call = new RegistryCall(repository, RegistryRequestKinds.ManifestHead, HttpMethod.Head, RegistryUris.Manifest(repository, tag), ManifestMediaTypes.AcceptHeader, 0, "manifest digest of " + tag);
        var response = await sender.SendAsync(call, cancellationToken).ConfigureAwait(false);
        if (Digest.TryParse(response.DockerContentDigest, out var digest))
        {
            return digest;
        }

        // No usable header: the digest is the sha256 of the manifest's bytes.
        var label = Label(repository);
        LogNoDigestHeader(logger, label, repository.Name, tag);
        var manifest = await GetManifestAsync(repository, tag, cancellationToken).ConfigureAwait(false);
        return manifest.Digest;
    }

    public async ValueTask<ImageConfig> GetConfigAsync(RegistryRepository repository, Digest digest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var what = "config blob " + digest;
        var call = new RegistryCall(repository, RegistryRequestKinds.Blob, HttpMethod.Get, RegistryUris.Blob(repository, digest), null, _options.MaxConfigBytes, what);
        var response = await sender.SendAsync(call, cancellationToken).ConfigureAwait(false);
        if (digest.Algorithm == "sha256" && Digest.Sha256Of(response.Body) is var actual && actual != digest)
        {
            throw new RegistryException(RegistryErrorKind.InvalidContent, Label(repository), repository.Name, $"{what}: the content's digest is {actual}", response.Status);
        }

        try
        {
            return ManifestParser.ParseConfig(response.Body);
        }
        catch (FormatException ex)
        {
            throw new RegistryException(RegistryErrorKind.InvalidContent, Label(repository), repository.Name, $"{what}: {ex.Message}", response.Status, ex);
        }
    }

    private static string Label(RegistryRepository repository) => repository.Endpoint.ApiUrl.GetLeftPart(UriPartial.Authority);
}
