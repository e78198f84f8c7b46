namespace ImageUpdater.Registry.Http;

/// <summary>Names of the registry client's named <see cref="HttpClient"/>s: one per endpoint and TLS setting.</summary>
internal static class RegistryHttpClientNames
{
    public const string Prefix = "ImageUpdater.Registry:";
}
