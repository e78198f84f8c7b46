using System.Net;
using System.Text;
using ImageUpdater.Credentials;
using ImageUpdater.Registry.Auth;

namespace ImageUpdater.Registry.Http;

/// <summary>Authentication: the <c>/v2/</c> ping, credentials, Basic headers and cached bearer tokens.</summary>
internal sealed partial class RegistryHttpSender
{
    private const int MaxTokenBytes = 1024 * 1024;

    private async Task<AuthChallenge?> GetChallengeAsync(EndpointState state, RegistryRepository repository, CancellationToken cancellationToken)
    {
        if (!state.Endpoint.Ping || state.Challenge is not null)
        {
            return state.Challenge;
        }

        await state.PingOnceAsync(() => PingAsync(state, repository)).WaitAsync(cancellationToken).ConfigureAwait(false);
        return state.Challenge;
    }

    private async Task<AuthChallenge?> PingAsync(EndpointState state, RegistryRepository repository)
    {
        var call = new RegistryCall(repository, RegistryRequestKinds.Ping, HttpMethod.Get, RegistryUris.Ping(state.Endpoint), null, 64 * 1024, "ping /v2/");
        var response = await SendFollowingRedirectsAsync(state, call, state.Endpoint.ApiUrl, null, CancellationToken.None).ConfigureAwait(false);
        if (response.Status is not (HttpStatusCode.OK or HttpStatusCode.Unauthorized))
        {
            throw new RegistryException(RegistryErrorKind.Transport, state.Label, string.Empty, "GET /v2/ did not answer 200 or 401; this does not look like a registry API v2 endpoint", response.Status);
        }

        state.Challenge ??= response.Challenge;
        return state.Challenge;
    }

    private async Task<Authorization> AuthorizeAsync(EndpointState state, RegistryRepository repository, AuthChallenge? challenge, bool refresh, bool invalidate, CancellationToken cancellationToken)
    {
        if (challenge is null)
        {
            return default;
        }

        var credential = await ResolveCredentialAsync(state, repository, refresh, cancellationToken).ConfigureAwait(false);
        if (challenge.IsBasic)
        {
            return credential is null
                ? default
                : new Authorization("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.Username + ":" + credential.Password)), true);
        }

        var scope = "repository:" + repository.Name + ":pull";
        var key = challenge.Realm + "\n" + challenge.Service + "\n" + scope + "\n" + repository.CredentialSpec + "\n" + repository.CredentialNamespace;
        if (invalidate)
        {
            state.Tokens.Remove(key);
        }
        else if (state.Tokens.TryGet(key, out var cached) && cached.ExpiresAt > _time.GetUtcNow())
        {
            return new Authorization("Bearer " + cached.Value, credential is not null);
        }

        BearerToken token;
        try
        {
            token = await FetchTokenAsync(state, repository, challenge, scope, credential, cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryException ex) when (ex.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden && credential is not null && !refresh)
        {
            // The token endpoint refused a cached credential: read it again once.
            LogReauthenticating(_logger, state.Label, repository.Name, (int)ex.StatusCode!, true);
            credential = await ResolveCredentialAsync(state, repository, true, cancellationToken).ConfigureAwait(false);
            token = await FetchTokenAsync(state, repository, challenge, scope, credential, cancellationToken).ConfigureAwait(false);
        }

        state.Tokens.Set(key, token);
        return new Authorization("Bearer " + token.Value, credential is not null);
    }

    private async Task<RegistryCredential?> ResolveCredentialAsync(EndpointState state, RegistryRepository repository, bool refresh, CancellationToken cancellationToken)
    {
        if (repository.CredentialSpec.Length == 0)
        {
            return null;
        }

        if (_credentials is null)
        {
            throw new RegistryException(RegistryErrorKind.Unauthorized, state.Label, repository.Name, $"credentials '{repository.CredentialSpec}' are configured but no IRegistryCredentialResolver is registered");
        }

        try
        {
            return await _credentials.ResolveAsync(
                new RegistryCredentialRequest
                {
                    Spec = repository.CredentialSpec,
                    Namespace = repository.CredentialNamespace,
                    RegistryApiUrl = state.Endpoint.ApiUrl.ToString().TrimEnd('/'),
                    Expiry = state.Endpoint.CredentialsExpiry,
                    ForceRefresh = refresh,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (CredentialException ex)
        {
            throw new RegistryException(RegistryErrorKind.Unauthorized, state.Label, repository.Name, $"credentials '{repository.CredentialSpec}': {ex.Message}", null, ex);
        }
    }

    private Task<BearerToken> FetchTokenAsync(EndpointState state, RegistryRepository repository, AuthChallenge challenge, string scope, RegistryCredential? credential, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm) || (realm.Scheme != Uri.UriSchemeHttps && realm.Scheme != Uri.UriSchemeHttp))
        {
            throw new RegistryException(RegistryErrorKind.InvalidContent, state.Label, repository.Name, $"the bearer challenge's realm '{challenge.Realm}' is not an http(s) URL");
        }

        var query = new StringBuilder(realm.Query.Length > 0 ? "&" : "?");
        if (challenge.Service.Length > 0)
        {
            query.Append("service=").Append(Uri.EscapeDataString(challenge.Service)).Append('&');
        }

        query.Append("scope=").Append(Uri.EscapeDataString(scope));
        var uri = new Uri(realm.AbsoluteUri + query);
        var header = credential is null ? null : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.Username + ":" + credential.Password));
        var flightKey = uri.AbsoluteUri + "\n" + repository.CredentialSpec + "\n" + repository.CredentialNamespace + "\n" + (credential is null ? string.Empty : credential.Username);
        return _tokenFetches.RunAsync(
            flightKey,
            async _ =>
            {
                var call = new RegistryCall(repository, RegistryRequestKinds.Token, HttpMethod.Get, uri, "application/json", MaxTokenBytes, "token request to " + realm.GetLeftPart(UriPartial.Path));
                var response = await SendFollowingRedirectsAsync(state, call, realm, header, CancellationToken.None).ConfigureAwait(false);
                if (response.Status != HttpStatusCode.OK)
                {
                    throw Failure(state, call, response);
                }

                try
                {
                    return BearerToken.Parse(response.Body, _time.GetUtcNow(), _options.DefaultTokenLifetime);
                }
                catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
                {
                    throw new RegistryException(RegistryErrorKind.InvalidContent, state.Label, repository.Name, $"{call.What}: {ex.Message}", response.Status, ex);
                }
            },
            cancellationToken);
    }

    /// <summary>An <c>Authorization</c> header value (never logged) and whether a credential was behind it.</summary>
    private readonly record struct Authorization(string? Header, bool UsedCredential)
    {
        public override string ToString() => $"Authorization(header: {(Header is null ? "none" : "***")}, usedCredential: {UsedCredential})";
    }
}
