using System.Net;

namespace ImageUpdater.Registry.Http;

/// <summary>One logical request to a registry: authenticated, retried, rate limited and redirected as needed.</summary>
/// <param name="Repository">The repository it concerns (its endpoint and credentials are used).</param>
/// <param name="Kind">The kind, one of <see cref="RegistryRequestKinds"/>.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Uri">The absolute URL.</param>
/// <param name="Accept">The <c>Accept</c> header, if any.</param>
/// <param name="MaxBytes">The largest body read; more fails the request.</param>
/// <param name="What">What is fetched, for error messages, such as <c>manifest 1.2.3</c>.</param>
internal sealed record RegistryCall(RegistryRepository Repository, string Kind, HttpMethod Method, Uri Uri, string? Accept, int MaxBytes, string What);

/// <summary>A response with its body read (within the call's cap).</summary>
/// <param name="Status">The status.</param>
/// <param name="Body">The body; empty for <c>HEAD</c>.</param>
/// <param name="ContentType">The <c>Content-Type</c> media type, if any.</param>
/// <param name="DockerContentDigest">The <c>Docker-Content-Digest</c> header, if any.</param>
/// <param name="NextLink">The <c>Link</c> header's <c>rel="next"</c> target resolved against <paramref name="Uri"/>, if any.</param>
/// <param name="Uri">The URL that answered (after redirects).</param>
/// <param name="Challenge">The <c>WWW-Authenticate</c> challenge of a 401, if any.</param>
internal sealed record RegistryResponse(HttpStatusCode Status, byte[] Body, string? ContentType, string? DockerContentDigest, Uri? NextLink, Uri Uri, Auth.AuthChallenge? Challenge);
