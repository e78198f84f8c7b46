namespace ImageUpdater;

/// <summary>The <c>alias=</c> part of an image identifier, split off on the first <c>=</c> as the reference does.</summary>
internal static class ImageAlias
{
    public static (string Alias, string ImageText) Split(string identifier)
    {
        var equals = identifier.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (string.Empty, identifier) : (identifier[..equals], identifier[(equals + 1)..]);
    }
}
