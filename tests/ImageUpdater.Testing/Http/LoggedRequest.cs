namespace ImageUpdater.Testing;

/// <summary>One request as it went on the wire, classified by the registry API it called.</summary>
public sealed record LoggedRequest(string Method, Uri Uri, bool HasAuthorization)
{
    public string Kind
    {
        get
        {
            var path = Uri.AbsolutePath;
            return path switch
            {
                "/v2/" or "/v2" => "ping",
                _ when path.EndsWith("/tags/list", StringComparison.Ordinal) => "tags",
                _ when path.Contains("/manifests/", StringComparison.Ordinal) => Method == "HEAD" ? "manifest-head" : "manifest",
                _ when path.Contains("/blobs/", StringComparison.Ordinal) => "blob",
                _ when path.Contains("token", StringComparison.Ordinal) => "token",
                _ => "other",
            };
        }
    }
}
