namespace ImageUpdater.Registry.Http;

/// <summary>The distribution API's URLs.</summary>
internal static class RegistryUris
{
    public static Uri Ping(RegistryEndpoint endpoint) => new(Base(endpoint) + "/v2/");

    public static Uri Tags(RegistryRepository repository) => new(Base(repository.Endpoint) + "/v2/" + repository.Name + "/tags/list");

    public static Uri Manifest(RegistryRepository repository, string reference) =>
        new(Base(repository.Endpoint) + "/v2/" + repository.Name + "/manifests/" + reference);

    public static Uri Blob(RegistryRepository repository, Digest digest) =>
        new(Base(repository.Endpoint) + "/v2/" + repository.Name + "/blobs/" + digest);

    private static string Base(RegistryEndpoint endpoint) => endpoint.ApiUrl.AbsoluteUri.TrimEnd('/');
}
